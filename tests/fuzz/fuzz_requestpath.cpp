// libFuzzer target: arbitrary bytes through the local gateway's whole request path — a client
// connection of a real worker, its parser, the routing decision, local replies and the echo —
// over a socket pair, in arbitrary pieces. Nothing may crash, hang or leak; every input must
// end with the connection answered or closed.
//
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DGATEHOUSE_BUILD_FUZZ=ON
//   cmake --build build-fuzz --target fuzz_requestpath
//   build-fuzz/tests/fuzz/fuzz_requestpath -max_total_time=60

#include "compile/compiler.h"
#include "proxy/worker.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <cstdint>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// One route per kind of answer the request path can give without an upstream.
const char DESIGN[] =
    "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: default}\n"
    "spec:\n  selector: {istio: ingressgateway}\n  servers:\n"
    "  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [\"*\"]\n---\n"
    "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
    "metadata: {name: vs, namespace: default}\nspec:\n  hosts: [\"*\"]\n  gateways: [gw]\n"
    "  http:\n"
    "  - match: [{uri: {prefix: /r}}]\n    redirect: {uri: /x}\n"
    "  - match: [{uri: {prefix: /d}}]\n    directResponse: {status: 200, body: {string: ok}}\n"
    "  - match: [{uri: {regex: \"/v[0-9]+/.*\"}}]\n    rewrite: {uri: /y}\n"
    "    route: [{destination: {host: echo}}]\n"
    "    corsPolicy: {allowOrigins: [{prefix: http}], allowMethods: [GET]}\n"
    "  - match: [{headers: {x-a: {exact: b}}}]\n"
    "    fault: {abort: {httpStatus: 503, percentage: {value: 100}}}\n"
    "    route: [{destination: {host: echo}}]\n"
    "  - route: [{destination: {host: echo}}]\n";

struct Harness {
    Harness()
    {
        static int argc = 1;
        static char name[] = "fuzz_requestpath";
        static char *argv[] = {name, nullptr};
        application = std::make_unique<QCoreApplication>(argc, argv);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("design.yaml"));
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write(DESIGN);
        file.close();
        Project::Workspace workspace;
        workspace.addPath(path);
        auto snapshot = std::make_shared<Proxy::ServeSnapshot>();
        snapshot->config = Compile::compile(workspace);
        snapshot->mapUpstreams();
        snapshot->limits.requestHeadersTimeoutMs = 50;
        snapshot->limits.idleTimeoutMs = 50;
        worker = std::make_unique<Proxy::Worker>(false);
        worker->apply(snapshot, {});
        binding.gatewayPort = 80;
        binding.localAddress = QStringLiteral("fuzz");
    }
    std::unique_ptr<QCoreApplication> application;
    std::unique_ptr<Proxy::Worker> worker;
    Proxy::ListenerBinding binding;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Harness harness;
    if (size == 0)
        return 0;
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
        return 0;
    harness.worker->serveConnection(pair[0], harness.binding);
    // The first byte chooses how the bytes are cut into writes.
    const size_t step = 1 + data[0] % 97;
    for (size_t offset = 1; offset < size; offset += step) {
        const size_t length = std::min(step, size - offset);
        if (::send(pair[1], data + offset, length, MSG_NOSIGNAL) < 0)
            break;
        QCoreApplication::processEvents();
    }
    ::shutdown(pair[1], SHUT_WR);
    // Drain the answers until the gateway closes its end; the idle and header timeouts bound
    // this, so an input that would hang the proxy hangs the fuzzer and is reported.
    char buffer[4096];
    for (;;) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        pollfd poller{pair[1], POLLIN, 0};
        if (::poll(&poller, 1, 5) > 0 && ::recv(pair[1], buffer, sizeof buffer, 0) <= 0)
            break;
    }
    ::close(pair[1]);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
