package com.crmcardlayouts.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test only: a page-API address that fails the way a bug would. */
@Path("/api/test-only/failing")
public class FailingTestApi {

    @GET
    public String fail() {
        throw new IllegalStateException("a bug nobody expected");
    }
}
