package com.crmcardlayouts.bitrix24;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Looks up the addresses of a portal's host name: the JVM's resolver (hosts file, then DNS, with
 * its own cache). A bean of its own so that tests can answer as a rebinding or hanging DNS would.
 */
@ApplicationScoped
class HostResolver {

    InetAddress[] lookUp(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
