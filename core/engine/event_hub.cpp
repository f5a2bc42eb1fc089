#include "shoal/event_hub.h"

#include <spdlog/spdlog.h>

#include <vector>

namespace shoal {

SubscriptionId EventHub::add(EventHandler handler) {
    std::lock_guard lock(mutex_);
    const SubscriptionId id = next_++;
    subscribers_.emplace(id, std::make_shared<Subscriber>(std::move(handler)));
    return id;
}

void EventHub::remove(SubscriptionId id) {
    std::shared_ptr<Subscriber> subscriber;
    {
        std::lock_guard lock(mutex_);
        auto it = subscribers_.find(id);
        if (it == subscribers_.end()) return;
        subscriber = std::move(it->second);
        subscribers_.erase(it);
    }
    std::lock_guard calling(subscriber->calling);  // waits for a call in progress on another thread
    subscriber->active = false;
}

void EventHub::dispatch(const Event& event) const {
    std::vector<std::shared_ptr<Subscriber>> targets;
    {
        std::lock_guard lock(mutex_);
        targets.reserve(subscribers_.size());
        for (const auto& [id, subscriber] : subscribers_) targets.push_back(subscriber);
    }
    for (const auto& subscriber : targets) {
        std::lock_guard calling(subscriber->calling);
        if (!subscriber->active) continue;
        try {
            subscriber->handler(event);
        } catch (const std::exception& e) {
            spdlog::error("an event handler failed: {}", e.what());
        } catch (...) {
            spdlog::error("an event handler failed with an unknown exception");
        }
    }
}

bool EventHub::empty() const {
    std::lock_guard lock(mutex_);
    return subscribers_.empty();
}

}  // namespace shoal
