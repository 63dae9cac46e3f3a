package org.homeward.reporting;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.homeward.testsupport.HomewardServiceResource;
import org.homeward.testsupport.TcpProxy;
import org.homeward.testsupport.TestDatabases;

/** The service's own database, reached through a proxy that a test can cut to simulate an outage. */
public class FlakyDatabaseResource extends HomewardServiceResource {
    private TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        String hostPort = TestDatabases.hostPort();
        proxy = new TcpProxy(
                hostPort.substring(0, hostPort.lastIndexOf(':')),
                Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)));
        config.put(
                "quarkus.datasource.jdbc.url",
                config.get("quarkus.datasource.jdbc.url").replace(hostPort, "127.0.0.1:" + proxy.port()));
        config.put("homeward.reconciliation.interval", "2s");
        // Topics and a group of its own: the fresh database gets exactly this test's records.
        String run = UUID.randomUUID().toString().substring(0, 8);
        config.put("homeward.topic-prefix", "outage-" + run);
        String group = "reporting-outage-test-" + run;
        for (String channel : new String[] {"intake-events", "search-events", "outreach-events"}) {
            config.put("mp.messaging.incoming." + channel + ".group.id", group);
        }
        return config;
    }

    /** Hands the proxy to the test's field of type TcpProxy (the test runs in another class loader). */
    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(proxy, new TestInjector.MatchesType(TcpProxy.class));
    }

    /** Starts after the module's global resources, so that its configuration wins. */
    @Override
    public int order() {
        return 1_000;
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
