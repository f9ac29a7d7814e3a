package com.crmcardlayouts.simulator.rest;

/** The body of one REST method: returns the result or throws {@link RestError}. */
@FunctionalInterface
public interface RestMethod {

    RestResult invoke(RestCall call);
}
