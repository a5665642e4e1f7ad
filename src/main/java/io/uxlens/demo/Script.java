package io.uxlens.demo;

import java.util.SplittableRandom;

/** How sessions of one journey go: their volume and rhythm, who runs them, and what happens in each. */
interface Script {
  String journey();

  Rhythm rhythm();

  /** Share of this journey's users on a phone. */
  double mobileShare();

  /** The user of a new session: a returning one from a pool, or a new one. */
  String userId(SplittableRandom rng, long sessionNumber);

  /** Writes one session that starts at {@code start}. */
  void play(Session s, long start);
}
