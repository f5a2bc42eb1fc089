// The engine thread's inbox and identity: commands posted from any thread, the alert wake-up from
// libtorrent's network thread, the tick deadline, and the stop request. Whatever runs on the engine
// thread may ask `onEngine()`; what must only run there asserts it (debug builds).
#pragma once

#include <cassert>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace shoal::engine {

class EngineQueue {
public:
    using Command = std::function<void()>;
    using Clock = std::chrono::steady_clock;

    // What one wake-up of the engine thread has to do.
    struct Batch {
        std::deque<Command> commands;
        bool alerts = false;
        bool stop = false;  // stop requested and no command left
    };

    void post(Command command);
    void notifyAlerts();  // any thread (libtorrent's alert notify)
    void requestStop();

    // Engine thread: waits until something is posted, alerts are due, a stop is asked or `until`.
    Batch wait(Clock::time_point until);

    // Called once, first thing on the thread that becomes the engine thread.
    void bindToCurrentThread() { owner_ = std::this_thread::get_id(); }
    bool onEngine() const { return owner_ == std::this_thread::get_id(); }
    void assertOnEngine() const { assert(onEngine() && "engine-only code called off the engine thread"); }

private:
    // Under mutex_.
    bool nothingPending() const { return commands_.empty() && !alertsReady_ && !stopRequested_; }

    static constexpr std::chrono::milliseconds kAlertGap{2};

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Command> commands_;
    bool alertsReady_ = false;
    Clock::time_point alertsDue_{};  // alerts ready before then wait for it (see wait())
    bool stopRequested_ = false;
    // Written before the engine thread starts running commands (thread start orders it), read after.
    std::thread::id owner_{};
};

}  // namespace shoal::engine
