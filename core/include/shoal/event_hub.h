// The subscriber list of a session: handlers added and removed from any thread, events dispatched to
// each. Removing a subscriber waits for a call of its handler in progress on another thread, so what the
// handler captured may be freed the moment remove() returns. (A handler may remove itself: the call in
// progress is then its own and it returns at once.)
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "shoal/events.h"

namespace shoal {

class EventHub {
public:
    SubscriptionId add(EventHandler handler);
    void remove(SubscriptionId id);
    // Calls every handler in subscription order. A handler that throws is logged and skipped.
    void dispatch(const Event& event) const;
    bool empty() const;

private:
    struct Subscriber {
        explicit Subscriber(EventHandler h) : handler(std::move(h)) {}
        EventHandler handler;
        std::recursive_mutex calling;  // held during a call; recursive so that a handler may remove itself
        bool active = true;            // under `calling`
    };
    mutable std::mutex mutex_;
    std::map<SubscriptionId, std::shared_ptr<Subscriber>> subscribers_;
    SubscriptionId next_ = 1;
};

}  // namespace shoal
