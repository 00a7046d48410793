#pragma once

#include <QSocketNotifier>
#include <functional>
#include <memory>
#include <vector>

// The data path's readiness source: one epoll set per worker thread, itself watched by a single
// QSocketNotifier in the thread's Qt event loop. Ready sockets are dispatched straight to their
// handlers, O(ready) per wake-up, with no Qt signal or event-dispatcher bookkeeping per socket;
// the control paths (listening sockets, timers, queued calls) stay on Qt's own machinery.
namespace Proxy {

class EventPoller {
public:
    // Implemented by FdSocket; `events` are EPOLLIN/EPOLLOUT/EPOLLERR/EPOLLHUP bits.
    class Handler {
    public:
        virtual ~Handler() = default;
        virtual void pollEvents(unsigned events) = 0;
    };

    EventPoller();
    ~EventPoller();
    EventPoller(const EventPoller &) = delete;
    EventPoller &operator=(const EventPoller &) = delete;

    // The poller of the calling thread, created on first use (a worker creates it on its own
    // thread before its first socket).
    static EventPoller &current();

    void add(int fd, Handler *handler, bool read, bool write);
    void modify(int fd, Handler *handler, bool read, bool write);
    // Closing a descriptor removes it from the set; this is for descriptors that stay open.
    void remove(int fd);

    // `callback` runs after each batch of ready sockets is handled, when no handler is on the
    // call stack (a worker deletes the requests it finished there), for as long as its owner
    // keeps it: nobody has to unregister, so either side may go first.
    void onBatchDone(std::weak_ptr<std::function<void()>> callback);

private:
    void dispatch();

    int m_epoll = -1;
    std::vector<std::weak_ptr<std::function<void()>>> m_batchDone;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace Proxy
