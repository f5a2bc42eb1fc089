// A LocalSession on a temporary profile, bound to loopback, with its events queued: the fixture of the
// library and engine-core tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "shoal/create.h"
#include "shoal/local_session.h"
#include "support/fixtures.h"

namespace shoal::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Payload {
    fs::path dataDir;
    fs::path file;
    CreatedTorrent torrent;
};

inline Payload makePayload(const fs::path& root, std::int64_t size, std::uint64_t seed = 42,
                    TorrentVersion version = TorrentVersion::V1) {
    Payload p;
    p.dataDir = root / "data";
    fs::create_directories(p.dataDir);
    p.file = p.dataDir / "payload.bin";
    writeRandomFile(p.file, size, seed);
    CreateRequest request;
    request.source = p.file;
    request.version = version;
    request.pieceSize = 64 * 1024;
    auto created = createTorrent(request);
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    if (created.ok()) p.torrent = created.value();
    return p;
}

class Library : public ::testing::Test {
protected:
    std::unique_ptr<LocalSession> open(std::function<void(Settings&)> extra = {}) {
        LocalSessionOptions options;
        options.profileDir = dir_.path() / "profile";
        options.overrides = [extra](Settings& s) {
            const Settings base = loopbackSettings("127.0.0.21");
            s.listenInterfaces = base.listenInterfaces;
            s.outgoingInterfaces = base.outgoingInterfaces;
            s.enableDht = s.enableLsd = s.enableUpnp = s.enableUtp = false;
            s.queueingEnabled = false;
            if (extra) extra(s);
        };
        options.tickMs = 100;
        auto session = LocalSession::open(options);
        EXPECT_TRUE(session.ok()) << (session.ok() ? "" : session.error().message);
        if (!session.ok()) return nullptr;
        auto out = std::move(session).value();
        out->subscribe(events_.handler());
        return out;
    }

    AddRequest requestFor(const Payload& p) {
        AddRequest request;
        request.torrentBytes = p.torrent.bytes;
        request.savePath = p.dataDir.string();
        return request;
    }

    bool waitEvent(EventType type, TorrentId id, std::chrono::milliseconds timeout = 20s) {
        return events_.waitFor([&](const Event& e) { return e.type == type && e.id == id; }, timeout).has_value();
    }

    bool waitState(LocalSession& session, TorrentId id, TorrentState state, std::chrono::milliseconds timeout = 20s) {
        auto matches = [&] {
            auto s = session.status(id);
            return s && s->state == state;
        };
        if (matches()) return true;
        return events_.waitFor([&](const Event&) { return matches(); }, timeout).has_value();
    }

    TempDir dir_{"shoal-library"};
    EventQueue events_;
};

}  // namespace shoal::test
