package com.crmcardlayouts.simulator.rest;

import java.util.List;

/** A group of REST methods the portal serves. */
public interface RestMethods {

    List<MethodSpec> methods();
}
