#include "engine/engine_queue.h"

namespace shoal::engine {

void EngineQueue::post(Command command) {
    {
        std::lock_guard lock(mutex_);
        commands_.push_back(std::move(command));
    }
    wake_.notify_one();
}

void EngineQueue::notifyAlerts() {
    {
        std::lock_guard lock(mutex_);
        alertsReady_ = true;
    }
    wake_.notify_one();
}

void EngineQueue::requestStop() {
    {
        std::lock_guard lock(mutex_);
        stopRequested_ = true;
    }
    wake_.notify_one();
}

EngineQueue::Batch EngineQueue::wait(Clock::time_point until) {
    assertOnEngine();
    std::unique_lock lock(mutex_);
    wake_.wait_until(lock, until, [&] { return !commands_.empty() || alertsReady_ || stopRequested_; });
    Batch batch;
    batch.commands.swap(commands_);
    batch.alerts = alertsReady_;
    alertsReady_ = false;
    batch.stop = stopRequested_ && batch.commands.empty();
    return batch;
}

}  // namespace shoal::engine
