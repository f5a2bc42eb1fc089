#include "engine/engine_queue.h"

namespace shoal::engine {

// Only the first of what piles up before the engine thread takes it wakes that thread: it takes
// everything pending at once, and each futex wake-up costs the poster a system call.
void EngineQueue::post(Command command) {
    bool wasIdle = false;
    {
        std::lock_guard lock(mutex_);
        wasIdle = nothingPending();
        commands_.push_back(std::move(command));
    }
    if (wasIdle) wake_.notify_one();
}

void EngineQueue::notifyAlerts() {
    bool wasIdle = false;
    {
        std::lock_guard lock(mutex_);
        wasIdle = nothingPending();
        alertsReady_ = true;
    }
    if (wasIdle) wake_.notify_one();
}

void EngineQueue::requestStop() {
    {
        std::lock_guard lock(mutex_);
        stopRequested_ = true;
    }
    wake_.notify_one();
}

// Alerts are taken at most once per kAlertGap: libtorrent calls the notify with its alert mutex held
// and the engine's pop_alerts then waits on that mutex, so a wake per alert cost both threads two
// context switches (10 per torrent-add while adding thousands). Commands are never held back.
EngineQueue::Batch EngineQueue::wait(Clock::time_point until) {
    assertOnEngine();
    std::unique_lock lock(mutex_);
    Clock::time_point now = Clock::now();
    while (commands_.empty() && !stopRequested_ && !(alertsReady_ && now >= alertsDue_) && now < until) {
        wake_.wait_until(lock, alertsReady_ ? std::min(until, alertsDue_) : until);
        now = Clock::now();
    }
    Batch batch;
    batch.commands.swap(commands_);
    if (alertsReady_ && now >= alertsDue_) {
        batch.alerts = true;
        alertsReady_ = false;
        alertsDue_ = now + kAlertGap;
    }
    batch.stop = stopRequested_ && batch.commands.empty();
    return batch;
}

}  // namespace shoal::engine
