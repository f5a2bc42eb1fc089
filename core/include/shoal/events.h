// Events a session emits. Handlers run on the engine thread: they must copy what they need and return
// quickly (front ends post to their own thread; EventQueue does that for loops and tests). A handler
// must outlive its subscription: it is called until unsubscribe() or the session's shutdown.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "shoal/types.h"

namespace shoal {

enum class EventType {
    Listening,         // message = "addr:port" actually bound (one event per socket)
    ListenFailed,      // message = why
    Added,             // id
    MetadataReceived,  // id (magnets)
    Finished,          // id: every wanted piece downloaded and verified
    Errored,           // id, message
    Removed,           // id
    Changed,           // ids: status snapshots changed this tick
    PeerBanned,        // id, message = "ip:port reason"
    HashFailed,        // id, message = piece index
    GoalReached,       // id: a seeding goal stopped the torrent
    ResumeSaved,       // id: resume data for this torrent is committed to the library (on disk)
};

const char* toString(EventType type);

struct Event {
    EventType type = EventType::Changed;
    TorrentId id = kNoTorrent;
    std::vector<TorrentId> ids;
    std::string message;
};

using EventHandler = std::function<void(const Event&)>;
using SubscriptionId = std::uint64_t;

// A thread-safe inbox for events: subscribe it to a session, then wait on it with a deadline.
class EventQueue {
public:
    void push(Event event);
    std::optional<Event> pop(std::chrono::milliseconds timeout);
    // Waits until an event matching `match` arrives (consuming events up to it) or the timeout passes.
    std::optional<Event> waitFor(const std::function<bool(const Event&)>& match, std::chrono::milliseconds timeout);
    EventHandler handler();  // a handler that pushes into this queue

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Event> events_;
};

}  // namespace shoal
