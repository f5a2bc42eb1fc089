// Engine events -> one queued flush per burst -> Qt signals on the GUI thread; blocking calls on a pool.
#include "app/session_bridge.h"

#include <QMetaObject>
#include <mutex>

namespace shoal::gui {

// The handler owns this inbox, never the bridge: unsubscribe() waits for a call in progress, but a
// flush already queued to the GUI thread may still run; detaching clears `owner` under the lock, and a
// late event then goes nowhere.
struct SessionBridge::Inbox {
    std::mutex mutex;
    SessionBridge* owner = nullptr;
    std::vector<Event> events;
    std::set<TorrentId> changed;
    bool flushPosted = false;

    void push(const Event& event) {
        std::lock_guard lock(mutex);
        if (owner == nullptr) return;
        if (event.type == EventType::Changed) {
            changed.insert(event.ids.begin(), event.ids.end());
        } else {
            events.push_back(event);
        }
        if (!flushPosted) {
            flushPosted = true;
            QMetaObject::invokeMethod(owner, [bridge = owner] { bridge->flush(); }, Qt::QueuedConnection);
        }
    }
};

SessionBridge::SessionBridge(QObject* parent) : QObject(parent) {
    // Details and settings calls wait for the engine thread; two workers keep one slow call from
    // holding up the next without flooding the engine's queue.
    pool_.setMaxThreadCount(2);
}

SessionBridge::~SessionBridge() {
    detach();
    pool_.waitForDone();
}

void SessionBridge::attach(std::shared_ptr<Session> session) {
    detach();
    session_ = std::move(session);
    if (!session_) return;
    settingsKnown_ = false;
    inbox_ = std::make_shared<Inbox>();
    inbox_->owner = this;
    subscription_ = session_->subscribe([inbox = inbox_](const Event& event) { inbox->push(event); });
    refreshSettings();
    Q_EMIT sessionAttached();
    // Torrents the session had before we subscribed; later events may repeat some, which is harmless.
    Q_EMIT statusesChanged(session_->torrents());
}

void SessionBridge::detach() {
    if (!session_) return;
    session_->unsubscribe(subscription_);
    {
        std::lock_guard lock(inbox_->mutex);
        inbox_->owner = nullptr;
    }
    inbox_.reset();
    std::vector<TorrentId> ids;
    for (const TorrentStatus& s : session_->torrents()) ids.push_back(s.id);
    session_.reset();
    settingsKnown_ = false;
    detailsInFlight_.clear();
    if (!ids.empty()) Q_EMIT torrentsRemoved(ids);
    Q_EMIT sessionDetached();
}

void SessionBridge::flush() {
    if (!inbox_ || !session_) return;
    std::vector<Event> events;
    std::set<TorrentId> changed;
    {
        std::lock_guard lock(inbox_->mutex);
        events.swap(inbox_->events);
        changed.swap(inbox_->changed);
        inbox_->flushPosted = false;
    }
    std::vector<TorrentId> removed;
    for (const Event& e : events) {
        if (e.type == EventType::Removed) {
            removed.push_back(e.id);
            changed.erase(e.id);
        } else if (e.id != kNoTorrent) {
            changed.insert(e.id);  // Added, Finished, ...: the row shows the new state at once
        }
    }
    if (!removed.empty()) Q_EMIT torrentsRemoved(removed);
    std::vector<TorrentStatus> statuses;
    statuses.reserve(changed.size());
    for (TorrentId id : changed) {
        // A torrent removed after its last change has no snapshot any more: nothing to show.
        if (auto status = session_->status(id)) statuses.push_back(std::move(*status));
    }
    if (!statuses.empty()) Q_EMIT statusesChanged(statuses);
    for (const Event& e : events) Q_EMIT eventReceived(e);
}

template <class T>
void SessionBridge::async(std::function<T()> work, std::function<void(T)> done) {
    pool_.start([this, work = std::move(work), done = std::move(done)]() mutable {
        T result = work();
        QMetaObject::invokeMethod(
            this, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
            Qt::QueuedConnection);
    });
}

void SessionBridge::run(const QString& what, std::function<Result<void>(Session&)> command) {
    if (!session_) return;
    async<Result<void>>([session = session_, command = std::move(command)] { return command(*session); },
                        [this, what](Result<void> r) {
                            if (!r) Q_EMIT commandFailed(what, QString::fromStdString(r.error().message));
                        });
}

void SessionBridge::add(AddRequest request) {
    if (!session_) return;
    async<Result<TorrentId>>([session = session_, request = std::move(request)]() mutable {
        return session->add(std::move(request));
    },
                             [this](Result<TorrentId> r) {
                                 if (r) {
                                     Q_EMIT torrentAdded(r.value());
                                 } else {
                                     Q_EMIT commandFailed(tr("Add"), QString::fromStdString(r.error().message));
                                 }
                             });
}

void SessionBridge::requestDetails(TorrentId id) {
    if (!session_ || detailsInFlight_.count(id) != 0) return;
    detailsInFlight_.insert(id);
    async<Result<TorrentDetails>>([session = session_, id] { return session->details(id); },
                                  [this, id](Result<TorrentDetails> r) {
                                      detailsInFlight_.erase(id);
                                      if (r) {
                                          Q_EMIT detailsReady(r.value());
                                      } else {
                                          Q_EMIT detailsFailed(id, QString::fromStdString(r.error().message));
                                      }
                                  });
}

void SessionBridge::refreshSettings() {
    if (!session_) return;
    using Both = std::pair<Settings, Settings>;  // stored, effective
    async<Both>([session = session_] { return Both{session->settings(), session->effectiveSettings()}; },
                [this, session = session_](Both s) {
                    if (session != session_) return;  // read from a session since detached
                    settings_ = std::move(s.first);
                    effective_ = std::move(s.second);
                    settingsKnown_ = true;
                    Q_EMIT settingsChanged(settings_);
                });
}

void SessionBridge::applySettings(Settings settings) {
    if (!session_) return;
    async<Result<void>>([session = session_, settings] { return session->applySettings(settings); },
                        [this, settings](Result<void> r) {
                            if (r) {
                                settings_ = settings;
                                Q_EMIT settingsChanged(settings_);
                                Q_EMIT settingsApplied();
                                refreshSettings();  // the effective ones: this run's overrides stay on top
                            } else {
                                Q_EMIT commandFailed(tr("Preferences"), QString::fromStdString(r.error().message));
                            }
                        });
}

bool SessionBridge::waitForIdle(int msecs) { return pool_.waitForDone(msecs); }

}  // namespace shoal::gui
