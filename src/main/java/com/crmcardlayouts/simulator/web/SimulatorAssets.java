package com.crmcardlayouts.simulator.web;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Scripts and styles of the simulator, served by a resource (not as static files) so that a
 * production build, which has no simulator beans, serves none of them.
 */
@Path("/simulator")
@IfBuildProfile(anyOf = {"dev", "test", "demo"})
public class SimulatorAssets {

    // Located by full name: the files carry no data, and .js/.css are not Qute's default suffixes.
    private final Template bx24;
    private final Template page;
    private final Template style;

    SimulatorAssets(@Location("SimulatorAssets/bx24.js") Template bx24,
                    @Location("SimulatorAssets/page.js") Template page,
                    @Location("SimulatorAssets/style.css") Template style) {
        this.bx24 = bx24;
        this.page = page;
        this.style = style;
    }

    /** {@code BX24} for app frames. */
    @GET
    @Path("bx24.js")
    public Response bx24() {
        return asset(bx24, "text/javascript; charset=utf-8");
    }

    /** The portal pages' own script. */
    @GET
    @Path("assets/simulator.js")
    public Response pageScript() {
        return asset(page, "text/javascript; charset=utf-8");
    }

    @GET
    @Path("assets/simulator.css")
    public Response style() {
        return asset(style, "text/css; charset=utf-8");
    }

    private static Response asset(Template template, String type) {
        return Response.ok(template.render(), type).header("Cache-Control", "no-cache").build();
    }
}
