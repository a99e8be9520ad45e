package app.kftray.engine.internal;

import app.kftray.api.ConfigStore;
import app.kftray.api.HostsHelper;
import app.kftray.api.HttpLogService;
import app.kftray.api.KubeAccess;
import app.kftray.api.PortForwardTransport;
import app.kftray.api.StateStore;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What every forward of the engine shares.
 *
 * @param configs   saved definitions
 * @param states    where state is written
 * @param kube      cluster access (watches)
 * @param transport opens pod streams
 * @param group     the shared event loops
 * @param handlers  protocol handlers on the whiteboard
 * @param targets   how targets are chosen
 * @param listeners event listeners on the whiteboard
 * @param httpLog   the HTTP logger, or {@code null} when none is installed
 * @param hostsHelper the privileged helper's client, or {@code null} when none is installed
 * @param pool      runs the forwards' lifecycle tasks
 * @param timer     schedules retries and checks
 * @param settings  timings
 */
record EngineServices(ConfigStore configs, StateStore states, KubeAccess kube, PortForwardTransport transport,
                      EventLoopGroup group, HandlerRegistry handlers, TargetChoosers targets,
                      ListenerWhiteboard listeners, Supplier<HttpLogService> httpLog,
                      Supplier<HostsHelper> hostsHelper, Executor pool,
                      ScheduledExecutorService timer, EngineSettings settings) {
}
