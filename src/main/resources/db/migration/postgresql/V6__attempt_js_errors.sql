-- Browser JS errors (Faro exceptions, event name '$exception') of the attempt's session inside its window.
ALTER TABLE journey_attempts ADD COLUMN js_errors INTEGER NOT NULL DEFAULT 0;
