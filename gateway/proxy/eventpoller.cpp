#include "eventpoller.h"

#include <sys/epoll.h>
#include <unistd.h>

namespace Proxy {
namespace {

constexpr int BATCH = 256;

unsigned mask(bool read, bool write)
{
    return (read ? unsigned(EPOLLIN) : 0u) | (write ? unsigned(EPOLLOUT) : 0u);
}

} // namespace

EventPoller::EventPoller() : m_epoll(::epoll_create1(EPOLL_CLOEXEC))
{
    m_notifier = std::make_unique<QSocketNotifier>(m_epoll, QSocketNotifier::Read);
    QObject::connect(m_notifier.get(), &QSocketNotifier::activated, [this] { dispatch(); });
}

EventPoller::~EventPoller()
{
    m_notifier.reset();
    ::close(m_epoll);
}

EventPoller &EventPoller::current()
{
    // Destroyed when the thread ends, after the worker (and every socket) is gone.
    thread_local EventPoller poller;
    return poller;
}

void EventPoller::add(int fd, Handler *handler, bool read, bool write)
{
    epoll_event event{};
    event.events = mask(read, write);
    event.data.ptr = handler;
    ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
}

void EventPoller::modify(int fd, Handler *handler, bool read, bool write)
{
    epoll_event event{};
    event.events = mask(read, write);
    event.data.ptr = handler;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
}

void EventPoller::remove(int fd)
{
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void EventPoller::dispatch()
{
    epoll_event events[BATCH];
    const int count = ::epoll_wait(m_epoll, events, BATCH, 0);
    // Handlers may close other sockets of this batch; their owners are deleted only later
    // (deleteLater), and a closed FdSocket ignores what it is handed.
    for (int i = 0; i < count; ++i)
        static_cast<Handler *>(events[i].data.ptr)->pollEvents(events[i].events);
    bool expired = false;
    for (std::size_t i = 0; i < m_batchDone.size(); ++i) { // by index: a callback may add one
        if (const auto callback = m_batchDone[i].lock())
            (*callback)();
        else
            expired = true;
    }
    if (expired)
        std::erase_if(m_batchDone, [](const auto &callback) { return callback.expired(); });
}

void EventPoller::onBatchDone(std::weak_ptr<std::function<void()>> callback)
{
    m_batchDone.push_back(std::move(callback));
}

} // namespace Proxy
