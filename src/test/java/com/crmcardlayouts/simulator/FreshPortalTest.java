package com.crmcardlayouts.simulator;

import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** Simulator tests that start each case on the default portal, emptied. */
abstract class FreshPortalTest {

    @Inject
    Simulator simulator;

    SimPortal portal;
    PortalCalls calls;

    @BeforeEach
    void resetSimulator() {
        simulator.reset();
        portal = simulator.portal();
        calls = new PortalCalls(portal);
    }
}
