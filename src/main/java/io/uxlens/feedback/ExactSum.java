package io.uxlens.feedback;

import java.math.BigInteger;

/**
 * The exact sum of finite doubles, rounded to the nearest double only when read. A sum of doubles added one by one
 * depends on the order of the additions; this one does not, so a mean over rows read in time order and a mean over
 * per-bucket partial sums (the feedback rollups) are the same double. Values are kept as a fixed-point integer in
 * units of 2^-1074 (the smallest double) spread over 32-bit limbs held in longs, so an add is a few integer adds.
 */
public final class ExactSum {
  /** Limbs of 32 bits: 2^-1074 .. 2^1174, room for any finite double times 2^60 additions. */
  private static final int LIMBS = 70;
  private static final long MASK = 0xFFFF_FFFFL;
  /** Adds between carry normalisations: each limb grows by less than 2^33 per add, longs hold 2^62. */
  private static final int NORMALISE_EVERY = 1 << 28;

  /** Null while the sum is zero: most tallies (scores without text) never hold a sentiment. */
  private long[] limbs;
  private int pending;

  /** Adds a finite value (non-finite values are the caller's to skip). */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("only finite values have an exact sum, got " + value);
    }
    long bits = Double.doubleToRawLongBits(value);
    int exponent = (int) ((bits >>> 52) & 0x7FF);
    long mantissa = bits & ((1L << 52) - 1);
    if (mantissa == 0 && exponent == 0) {
      return;
    }
    int position = exponent == 0 ? 0 : exponent - 1; // value = mantissa * 2^(position - 1074)
    if (exponent != 0) {
      mantissa |= 1L << 52;
    }
    if (limbs == null) {
      limbs = new long[LIMBS];
    }
    int limb = position >>> 5;
    int offset = position & 31;
    long low = (mantissa << offset) & MASK;
    long rest = mantissa >>> (32 - offset);
    long sign = bits < 0 ? -1 : 1;
    limbs[limb] += sign * low;
    limbs[limb + 1] += sign * (rest & MASK);
    limbs[limb + 2] += sign * (rest >>> 32);
    if (++pending == NORMALISE_EVERY) {
      normalise();
    }
  }

  /** Adds another exact sum. */
  public void add(ExactSum other) {
    if (other.limbs == null) {
      return;
    }
    if (limbs == null) {
      limbs = new long[LIMBS];
    }
    for (int i = 0; i < LIMBS; i++) {
      limbs[i] += other.limbs[i];
    }
    pending += other.pending + 1;
    if (pending >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /** Adds a sum saved by {@link #encode()}. */
  public void addEncoded(String encoded) {
    if (encoded.equals("0")) {
      return;
    }
    if (limbs == null) {
      limbs = new long[LIMBS];
    }
    boolean negative = encoded.startsWith("-");
    int first = negative ? 1 : 0;
    long sign = negative ? -1 : 1;
    int limb = 0;
    for (int end = encoded.length(); end > first; end -= 8, limb++) {
      limbs[limb] += sign * Long.parseLong(encoded, Math.max(first, end - 8), end, 16);
    }
    if (++pending >= NORMALISE_EVERY) {
      normalise();
    }
  }

  /** The sum as a fixed-point integer (units of 2^-1074) in hexadecimal: exact, for storing. */
  public String encode() {
    if (limbs == null) {
      return "0";
    }
    long[] m = magnitude();
    int top = top(m);
    if (top < 0) {
      return "0";
    }
    StringBuilder out = new StringBuilder((top + 1) * 8 + 1);
    if (negative()) {
      out.append('-');
    }
    out.append(Long.toHexString(m[top]));
    for (int i = top - 1; i >= 0; i--) {
      String hex = Long.toHexString(m[i]);
      out.append("0".repeat(8 - hex.length())).append(hex);
    }
    return out.toString();
  }

  /** The exact sum rounded once to the nearest double (ties to even). */
  public double toDouble() {
    if (limbs == null) {
      return 0.0;
    }
    long[] m = magnitude();
    int top = top(m);
    if (top < 0) {
      return 0.0;
    }
    double d;
    if (top < 2) {
      // below 2^64 units: exact as an integer, and a multiple of 2^-1074 is a double when it is this small
      d = Math.scalb(new BigInteger(Long.toUnsignedString(m[1] << 32 | m[0])).doubleValue(), -1074);
    } else {
      // the top three limbs hold at least 65 bits; a set bit below them only breaks ties, so it becomes one
      // sticky bit under the window and the single rounding to 53 bits stays correct
      boolean sticky = false;
      for (int i = 0; i < top - 2 && !sticky; i++) {
        sticky = m[i] != 0;
      }
      BigInteger window = BigInteger.valueOf(m[top]).shiftLeft(64)
          .or(BigInteger.valueOf(m[top - 1] << 32 | m[top - 2]).and(UNSIGNED_64));
      int scale = 32 * (top - 2) - 1074;
      if (sticky) {
        window = window.shiftLeft(1).setBit(0);
        scale--;
      }
      d = Math.scalb(window.doubleValue(), scale);
    }
    return negative() ? -d : d;
  }

  private static final BigInteger UNSIGNED_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private boolean negative() {
    normalise();
    return limbs[LIMBS - 1] < 0;
  }

  /** The absolute value's limbs, each in [0, 2^32). */
  private long[] magnitude() {
    normalise();
    long[] m = limbs.clone();
    if (m[LIMBS - 1] < 0) {
      for (int i = 0; i < LIMBS; i++) {
        m[i] = -m[i];
      }
      long carry = 0;
      for (int i = 0; i < LIMBS; i++) {
        long v = m[i] + carry;
        m[i] = v & MASK;
        carry = v >> 32;
      }
    }
    return m;
  }

  private static int top(long[] m) {
    for (int i = LIMBS - 1; i >= 0; i--) {
      if (m[i] != 0) {
        return i;
      }
    }
    return -1;
  }

  private void normalise() {
    long carry = 0;
    for (int i = 0; i < LIMBS; i++) {
      long v = limbs[i] + carry;
      limbs[i] = v & MASK;
      carry = v >> 32;
    }
    limbs[LIMBS - 1] += carry << 32; // the sign stays in the top limb
    pending = 0;
  }
}
