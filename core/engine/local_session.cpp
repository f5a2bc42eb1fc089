// LocalSession's life and queries: opening the profile (one process at a time), the stored settings,
// snapshots for any thread, subscriptions, and a shutdown that waits for the last resume save.
#include "shoal/local_session.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

#include "engine/engine_impl.h"
#include "engine/settings_mapping.h"

namespace shoal {

namespace {

// Two processes driving one library would fight over it: the profile is locked for the session's life.
class ProfileLock {
public:
    static Result<int> acquire(const std::filesystem::path& dir) {
        const auto file = dir / "lock";
        const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return makeError(ErrorCode::Io, "cannot open " + file.string() + ": " + std::strerror(errno));
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            return makeError(ErrorCode::Io, "profile " + dir.string() + " is in use by another Shoal process");
        }
        return fd;
    }
};

}  // namespace


Result<std::unique_ptr<LocalSession>> LocalSession::open(LocalSessionOptions options) {
    std::error_code ec;
    std::filesystem::create_directories(options.profileDir, ec);
    if (ec) return makeError(ErrorCode::Io, "cannot create profile " + options.profileDir.string() + ": " + ec.message());
    auto lock = ProfileLock::acquire(options.profileDir);
    if (!lock) return lock.error();
    const int lockFd = lock.value();
    auto fail = [lockFd](Error error) -> Result<std::unique_ptr<LocalSession>> {
        ::close(lockFd);
        return error;
    };

    auto store = store::Store::open(options.profileDir / "shoal.db");
    if (!store) return fail(store.error());

    Settings stored;
    if (auto json = store.value()->loadSetting("settings")) {
        auto parsed = settingsFromJson(*json);
        if (parsed) stored = parsed.value();
        else spdlog::warn("stored settings ignored: {}", parsed.error().message);
    }
    Settings effective = stored;
    if (options.overrides) options.overrides(effective);
    if (auto valid = validate(effective); !valid) return fail(valid.error());

    auto impl = std::make_unique<Impl>(std::move(options));
    impl->store = std::move(store.value());
    impl->stored = stored;
    impl->effective = effective;
    impl->lockFd = lockFd;
    if (impl->options.eventHandler) impl->events.add(impl->options.eventHandler);
    try {
        impl->start();
    } catch (const std::exception& e) {
        impl->store.reset();
        return fail(makeError(ErrorCode::Internal, std::string("cannot start the engine: ") + e.what()));
    }
    return std::unique_ptr<LocalSession>(new LocalSession(std::move(impl)));
}

LocalSession::LocalSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

LocalSession::~LocalSession() { shutdown(); }

void LocalSession::shutdown() {
    if (!impl_ || impl_->stopped.load()) return;
    impl_->stopEngine();
    impl_->store.reset();  // flushes and closes the database
    if (impl_->lockFd >= 0) {
        ::close(impl_->lockFd);
        impl_->lockFd = -1;
    }
}

std::vector<TorrentStatus> LocalSession::torrents() const { return impl_->registry.all(); }

std::optional<TorrentStatus> LocalSession::status(TorrentId id) const { return impl_->registry.find(id); }

namespace {

// On the engine thread: a torrent's details, or what its snapshot says while libtorrent has not got it.
Result<TorrentDetails> detailsOnEngine(LocalSession::Impl* impl, TorrentId id) {
    engine::TorrentEntry* entry = impl->book.find(id);
    if (!entry) return makeError(ErrorCode::NotFound, "no torrent with id " + std::to_string(id));
    if (!entry->handle.is_valid()) {
        TorrentDetails details;
        if (auto snapshot = impl->registry.find(id)) details.status = std::move(*snapshot);
        return details;
    }
    try {
        return engine::makeDetails(entry->handle, *entry, impl->effectiveSettings());
    } catch (const std::exception& e) {
        return makeError(ErrorCode::Internal, std::string("details unavailable: ") + e.what());
    }
}

}  // namespace

Result<TorrentDetails> LocalSession::details(TorrentId id) {
    if (!impl_->registry.contains(id)) return makeError(ErrorCode::NotFound, "no torrent with id " + std::to_string(id));
    Impl* impl = impl_.get();
    return impl->call<TorrentDetails>([impl, id] { return detailsOnEngine(impl, id); });
}

std::vector<TorrentDetails> LocalSession::detailsOf(const std::vector<TorrentId>& ids) {
    Impl* impl = impl_.get();
    auto all = impl->call<std::vector<TorrentDetails>>([impl, ids]() -> Result<std::vector<TorrentDetails>> {
        std::vector<TorrentDetails> out;
        out.reserve(ids.size());
        for (TorrentId id : ids)
            if (auto got = detailsOnEngine(impl, id)) out.push_back(std::move(got.value()));
        return out;
    });
    return all ? std::move(all.value()) : std::vector<TorrentDetails>{};
}

SessionTotals LocalSession::totals() const { return impl_->registry.totals(); }

Result<std::vector<TrafficDay>> LocalSession::trafficHistory(TorrentId id, int days) {
    if (days < 1) return makeError(ErrorCode::InvalidArgument, "days must be at least 1");
    std::vector<TrafficDay> out;
    for (const auto& d : impl_->store->loadTrafficHistory(id, days)) out.push_back({d.day, d.downloaded, d.uploaded});
    return out;
}

Settings LocalSession::settings() const {
    std::lock_guard lock(impl_->settingsMutex);
    return impl_->stored;
}

Settings LocalSession::effectiveSettings() const { return impl_->effectiveSettings(); }

Result<void> LocalSession::applySettings(const Settings& settings) {
    if (auto valid = validate(settings); !valid) return valid;
    // Stored first: a change the library cannot keep is refused, not applied for this run only.
    if (auto saved = impl_->store->commitSetting("settings", settingsToJson(settings)); !saved)
        return makeError(saved.error().code, "settings not changed: " + saved.error().message);
    Settings effective = settings;
    if (impl_->options.overrides) impl_->options.overrides(effective);
    {
        std::lock_guard lock(impl_->settingsMutex);
        impl_->stored = settings;
        impl_->effective = effective;
    }
    Impl* impl = impl_.get();
    impl->post([impl, effective] {
        impl->altSpeedInForce = altSpeedActive(effective, engine::unixNow());
        impl->session->apply_settings(engine::toSettingsPack(effective, impl->altSpeedInForce));
    });
    return {};
}

SubscriptionId LocalSession::subscribe(EventHandler handler) { return impl_->events.add(std::move(handler)); }

void LocalSession::unsubscribe(SubscriptionId id) { impl_->events.remove(id); }

}  // namespace shoal
