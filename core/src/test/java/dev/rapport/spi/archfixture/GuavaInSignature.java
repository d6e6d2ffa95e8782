package dev.rapport.spi.archfixture;

import com.google.common.collect.ImmutableList;

/**
 * A deliberate offender, in test sources only: a contract type whose public signature exposes Guava. The
 * architecture tests run their contract rules against it to prove the rules report such a class.
 */
public final class GuavaInSignature {

    /** Exposes a Guava type in a public signature, which the contract forbids. */
    public ImmutableList<String> names() {
        return ImmutableList.of("a");
    }
}
