#include "exchange.h"

#include <vector>

// Exchange memory is reused per thread. Without this every request allocated and freed one
// block too big for glibc's thread cache, and each such allocation made malloc consolidate its
// fast bins: a few percent of the proxy's time in profiles.
namespace Proxy {
namespace {

constexpr std::size_t KEPT_BLOCKS = 256; // more than a worker's exchanges usually in flight

// Set once the thread's list is destroyed (thread exit): a plain flag, valid to the end.
thread_local bool listGone = false;

struct FreeBlocks {
    std::vector<void *> blocks;

    ~FreeBlocks()
    {
        listGone = true;
        for (void *block : blocks)
            ::operator delete(block);
    }
};

// Null once the thread is ending: memory then goes straight back.
FreeBlocks *freeBlocks()
{
    if (listGone)
        return nullptr;
    thread_local FreeBlocks list;
    return &list;
}

} // namespace

void *Exchange::operator new(std::size_t size)
{
    FreeBlocks *list = freeBlocks();
    if (size == sizeof(Exchange) && list && !list->blocks.empty()) {
        void *block = list->blocks.back();
        list->blocks.pop_back();
        return block;
    }
    return ::operator new(size);
}

void Exchange::operator delete(void *memory, std::size_t size)
{
    FreeBlocks *list = freeBlocks();
    if (size == sizeof(Exchange) && list && list->blocks.size() < KEPT_BLOCKS) {
        list->blocks.push_back(memory);
        return;
    }
    ::operator delete(memory);
}

} // namespace Proxy
