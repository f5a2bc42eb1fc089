// The engine thread's inbox: a poster wakes the engine only when nothing was pending, and alerts are
// taken at most once per short gap. Neither may lose a command or an alert, or keep the engine asleep
// until its tick while something is pending.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "engine/engine_queue.h"

namespace shoal::engine {
namespace {

using namespace std::chrono_literals;
using Clock = EngineQueue::Clock;

// Far enough that a wait which reaches it has missed a wake-up; the suite's timeout is 60 s.
constexpr auto kTick = 20s;
constexpr auto kMissedWake = 10s;

TEST(EngineQueue, AlertsNotifiedDuringTheGapComeInOneLaterBatch) {
    EngineQueue queue;
    queue.bindToCurrentThread();
    queue.notifyAlerts();
    EXPECT_TRUE(queue.wait(Clock::now() + kTick).alerts);
    // The second notify finds alerts pending and does not wake anyone; the engine, waiting, must still
    // take them once the gap is over, not at its tick.
    for (int i = 0; i < 3; ++i) queue.notifyAlerts();
    const auto start = Clock::now();
    const EngineQueue::Batch batch = queue.wait(start + kTick);
    EXPECT_TRUE(batch.alerts);
    EXPECT_TRUE(batch.commands.empty());
    EXPECT_LT(Clock::now() - start, kMissedWake);
    // Taken: nothing is left for the next wait but its deadline.
    const EngineQueue::Batch idle = queue.wait(Clock::now());
    EXPECT_FALSE(idle.alerts);
    EXPECT_TRUE(idle.commands.empty());
}

TEST(EngineQueue, CommandsAreNotHeldBackByAlertsThatAreNotDue) {
    EngineQueue queue;
    queue.bindToCurrentThread();
    queue.notifyAlerts();
    ASSERT_TRUE(queue.wait(Clock::now() + kTick).alerts);
    queue.notifyAlerts();
    int ran = 0;
    queue.post([&] { ++ran; });
    const auto start = Clock::now();
    EngineQueue::Batch batch = queue.wait(start + kTick);
    EXPECT_LT(Clock::now() - start, kMissedWake);
    ASSERT_EQ(batch.commands.size(), 1u);
    batch.commands.front()();
    EXPECT_EQ(ran, 1);
    // The alerts come in this batch or the next, never not at all.
    if (!batch.alerts) {
        const auto again = Clock::now();
        EXPECT_TRUE(queue.wait(again + kTick).alerts);
        EXPECT_LT(Clock::now() - again, kMissedWake);
    }
}

TEST(EngineQueue, APostFromAnotherThreadWakesAWaitingEngine) {
    EngineQueue queue;
    queue.bindToCurrentThread();
    for (int round = 0; round < 50; ++round) {
        std::thread poster([&] {
            queue.post([] {});
            queue.post([] {});  // finds one pending: no second wake-up is needed
        });
        const auto start = Clock::now();
        std::size_t got = 0;
        while (got < 2 && Clock::now() - start < kMissedWake) got += queue.wait(start + kTick).commands.size();
        poster.join();
        ASSERT_EQ(got, 2u) << "round " << round;
        ASSERT_LT(Clock::now() - start, kMissedWake) << "round " << round;
    }
}

TEST(EngineQueue, StopComesAfterTheCommandsPostedBeforeIt) {
    EngineQueue queue;
    queue.bindToCurrentThread();
    queue.post([] {});
    queue.requestStop();
    const EngineQueue::Batch first = queue.wait(Clock::now() + kTick);
    EXPECT_EQ(first.commands.size(), 1u);
    EXPECT_FALSE(first.stop);
    const auto start = Clock::now();
    EXPECT_TRUE(queue.wait(start + kTick).stop);
    EXPECT_LT(Clock::now() - start, kMissedWake);
}

}  // namespace
}  // namespace shoal::engine
