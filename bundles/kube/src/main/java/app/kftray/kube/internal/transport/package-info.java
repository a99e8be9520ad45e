/**
 * The {@code pods/portforward} transport on Netty: SPDY/3.1 tunnelled over one WebSocket per pod
 * and event loop, shared by every stream, and one {@code v4.channel.k8s.io} WebSocket per stream
 * for API servers without the tunnel. Takes where to connect from the cluster package. Private to
 * the bundle.
 */
package app.kftray.kube.internal.transport;
