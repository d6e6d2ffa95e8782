package dev.rapport.jdbc;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;

/**
 * What the parity properties share: chains of at most {@value #MAX_STEPS} actions that each start on a fresh
 * {@link ParityWorld} on H2 or on embedded PostgreSQL, with {@code useOutbox} on or off, closed after the try. A
 * subclass names the actions.
 */
abstract class ParityChainProperties {

    /** The most actions one chain runs. */
    static final int MAX_STEPS = 25;

    private final List<ParityWorld> worlds = new ArrayList<>();

    /** The actions the chains draw from, with their weights, added to a started chain. */
    abstract ActionChainArbitrary<ParityWorld> withActions(ActionChainArbitrary<ParityWorld> chain);

    @AfterTry
    void closeWorlds() {
        worlds.forEach(ParityWorld::close);
        worlds.clear();
    }

    @Provide
    Arbitrary<ActionChain<ParityWorld>> chainsOnH2() {
        return chains(ParityWorld.Database.H2);
    }

    @Provide
    Arbitrary<ActionChain<ParityWorld>> chainsOnPostgres() {
        return chains(ParityWorld.Database.POSTGRES);
    }

    /** Chains on the database, half of them with the outbox in use (drained before each comparison), half without. */
    private Arbitrary<ActionChain<ParityWorld>> chains(ParityWorld.Database database) {
        return Arbitraries.of(false, true).flatMap(useOutbox -> withActions(ActionChain.<ParityWorld>startWith(() -> {
            ParityWorld world = ParityWorld.on(database, useOutbox);
            worlds.add(world);
            return world;
        })).withMaxTransformations(MAX_STEPS));
    }
}
