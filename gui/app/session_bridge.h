// The GUI's one door to a shoal::Session. Core events arrive on the engine thread; the bridge collects
// them and posts ONE queued flush to the GUI thread, which turns them into Qt signals: per tick, the
// "changed" ids of every event in between become one statusesChanged() with their fresh snapshots.
// Calls that may wait on the engine (details, add, settings) run on the bridge's worker pool and their
// results come back as signals, so nothing on the GUI thread blocks on the engine or the disk.
//
// Threads: construct, attach() and call everything on the GUI thread; signals are emitted there too.
#pragma once

#include <QObject>
#include <QString>
#include <QThreadPool>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "app/metatypes.h"
#include "shoal/session.h"

namespace shoal::gui {

class SessionBridge : public QObject {
    Q_OBJECT

public:
    explicit SessionBridge(QObject* parent = nullptr);
    ~SessionBridge() override;

    // Starts listening to `session` and emits statusesChanged() with every torrent it has. A previous
    // session is detached first (its rows are reported removed).
    void attach(std::shared_ptr<Session> session);
    // Stops listening; the session itself is left to its owner.
    void detach();
    bool attached() const { return session_ != nullptr; }
    // Null until attach(). Queries on it (torrents(), status(), totals()) are snapshot copies and cheap;
    // commands must go through run() or the helpers below.
    Session* session() const { return session_.get(); }
    std::shared_ptr<Session> sharedSession() const { return session_; }

    // Runs `command` on the worker pool; a failure comes back as commandFailed(what, message).
    void run(const QString& what, std::function<Result<void>(Session&)> command);
    // Adds on the worker pool; torrentAdded(id) or commandFailed("Add", message).
    void add(AddRequest request);
    // Fetches one torrent's details on the worker pool; detailsReady(details) or detailsFailed(id, why).
    // While a request for `id` is in flight a second one is not queued (a slow engine is not flooded).
    void requestDetails(TorrentId id);
    // Applies settings on the worker pool; settingsApplied() or commandFailed("Preferences", message).
    void applySettings(Settings settings);

    // Feeds snapshots as if the session had reported them changed: the benchmark and tests drive the
    // model through the same path as a real tick.
    void deliverStatuses(std::vector<TorrentStatus> statuses) { Q_EMIT statusesChanged(statuses); }

    // The session's settings as last read or applied. A remote session reads them over HTTP, so the
    // GUI never asks the session directly: attach() and refreshSettings() read them on the pool.
    const Settings& settings() const { return settings_; }
    // What the engine runs with (overrides of this run on top): for displays, never saved.
    const Settings& effectiveSettings() const { return effective_; }
    // False from attach() until the first read arrives: until then settings() holds defaults, and
    // nothing may be edited from them (the Preferences action waits for this).
    bool settingsKnown() const { return settingsKnown_; }
    void refreshSettings();  // -> settingsChanged()

    // Waits for the worker pool to drain (used at shutdown and by tests), at most `msecs`.
    bool waitForIdle(int msecs);

Q_SIGNALS:
    void sessionAttached();
    void sessionDetached();
    // New or changed torrents (a row the model does not have yet is inserted).
    void statusesChanged(const std::vector<shoal::TorrentStatus>& statuses);
    void torrentsRemoved(const std::vector<shoal::TorrentId>& ids);
    // Every other event (Finished, Errored, MetadataReceived, Listening, ...) as it came.
    void eventReceived(const shoal::Event& event);
    void torrentAdded(shoal::TorrentId id);
    void detailsReady(const shoal::TorrentDetails& details);
    void detailsFailed(shoal::TorrentId id, const QString& message);
    void settingsApplied();
    void settingsChanged(const shoal::Settings& settings);
    void commandFailed(const QString& what, const QString& message);

private:
    struct Inbox;  // what the engine thread writes; shared so a late event finds it after detach()
    void flush();  // GUI thread
    // Runs `work` on the pool and `done` with its result on the GUI thread (the destructor waits for the pool).
    template <class T>
    void async(std::function<T()> work, std::function<void(T)> done);

    std::shared_ptr<Session> session_;
    SubscriptionId subscription_ = 0;
    QThreadPool pool_;

    std::shared_ptr<Inbox> inbox_;
    std::set<TorrentId> detailsInFlight_;  // GUI thread only
    Settings settings_;
    Settings effective_;
    bool settingsKnown_ = false;
};

}  // namespace shoal::gui
