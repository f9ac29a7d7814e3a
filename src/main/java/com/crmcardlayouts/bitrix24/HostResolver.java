package com.crmcardlayouts.bitrix24;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Looks up the addresses of a host name; the system's resolver in the app, a scripted one in tests. */
interface HostResolver {

    InetAddress[] lookUp(String host) throws UnknownHostException;
}
