package com.crmcardlayouts.bitrix24;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The JVM's resolver (hosts file, then DNS), which also caches answers for a while. */
@ApplicationScoped
class SystemHostResolver implements HostResolver {

    @Override
    public InetAddress[] lookUp(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
