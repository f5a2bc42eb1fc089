// EventQueue: the inbox that lets a loop (CLI, tests) wait on session events with a deadline.
#include "shoal/events.h"

namespace shoal {

void EventQueue::push(Event event) {
    {
        std::lock_guard lock(mutex_);
        events_.push_back(std::move(event));
    }
    cv_.notify_all();
}

std::optional<Event> EventQueue::pop(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, timeout, [&] { return !events_.empty(); })) return std::nullopt;
    Event event = std::move(events_.front());
    events_.pop_front();
    return event;
}

std::optional<Event> EventQueue::waitFor(const std::function<bool(const Event&)>& match,
                                         std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(mutex_);
    for (;;) {
        while (!events_.empty()) {
            Event event = std::move(events_.front());
            events_.pop_front();
            if (match(event)) return event;
        }
        if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && events_.empty()) return std::nullopt;
    }
}

EventHandler EventQueue::handler() {
    return [this](const Event& event) { push(event); };
}

}  // namespace shoal
