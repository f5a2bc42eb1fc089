// The subscriber list both sessions use: a removed handler is never running once remove() returns, so
// what it captured may be freed at once (RpcServer and the GUI bridge do exactly that).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "shoal/event_hub.h"

namespace shoal {
namespace {

using namespace std::chrono_literals;

TEST(EventHub, RemoveWaitsForACallInProgressOnAnotherThread) {
    EventHub hub;
    std::atomic<bool> inside{false};
    std::atomic<bool> release{false};
    std::promise<void> entered;
    const SubscriptionId id = hub.add([&](const Event&) {
        inside = true;
        entered.set_value();
        while (!release) std::this_thread::yield();
        inside = false;
    });
    std::thread dispatcher([&] { hub.dispatch(Event{}); });
    entered.get_future().wait();

    std::atomic<bool> insideWhenRemoved{true};
    auto removed = std::async(std::launch::async, [&] {
        hub.remove(id);
        insideWhenRemoved = inside.load();
    });
    // Give a remove() that does not wait every chance to return while the handler still runs.
    (void)removed.wait_for(50ms);
    release = true;
    ASSERT_EQ(removed.wait_for(10s), std::future_status::ready);
    dispatcher.join();
    EXPECT_FALSE(insideWhenRemoved.load()) << "remove() returned while the handler was still running";
}

TEST(EventHub, AHandlerMayRemoveItselfAndIsNotCalledAgain) {
    EventHub hub;
    int calls = 0;
    SubscriptionId id = 0;
    id = hub.add([&](const Event&) {
        ++calls;
        hub.remove(id);
    });
    hub.dispatch(Event{});
    hub.dispatch(Event{});
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(hub.empty());
}

TEST(EventHub, AThrowingHandlerDoesNotStopTheOthers) {
    EventHub hub;
    int heard = 0;
    hub.add([](const Event&) { throw std::runtime_error("handler failure"); });
    hub.add([&](const Event&) { ++heard; });
    EXPECT_NO_THROW(hub.dispatch(Event{}));
    EXPECT_EQ(heard, 1);
}

TEST(EventHub, ManySubscribersComeAndGoWhileEventsFlow) {
    EventHub hub;
    std::atomic<bool> stop{false};
    std::thread dispatcher([&] {
        while (!stop) hub.dispatch(Event{});
    });
    for (int i = 0; i < 2000; ++i) {
        auto counter = std::make_unique<std::atomic<int>>(0);
        const SubscriptionId id = hub.add([c = counter.get()](const Event&) { ++*c; });
        hub.remove(id);
        counter.reset();  // the handler captured a raw pointer: freed right after remove, as RpcServer does
    }
    stop = true;
    dispatcher.join();
    EXPECT_TRUE(hub.empty());
}

}  // namespace
}  // namespace shoal
