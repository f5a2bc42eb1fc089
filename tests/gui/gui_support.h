// Shared pieces of the GUI tests: a LocalSession on loopback with its own profile, a bridge over it,
// and a bounded wait that keeps the Qt event loop turning.
#pragma once

#include <QTest>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/session_bridge.h"
#include "shoal/local_session.h"
#include "support/fixtures.h"

namespace shoal::test {

// Processes Qt events until `done()` is true or `timeoutMs` passes; returns done(). Events are what the
// tests wait on (bridge signals arrive through the loop), so this is a bounded wait, not a sleep.
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs = 20000) {
    return QTest::qWaitFor(done, timeoutMs);
}

// A LocalSession for GUI tests: profile under `dir`, listening on ip:0, no DHT/LSD/UPnP.
std::shared_ptr<LocalSession> openGuiSession(const std::filesystem::path& dir, const std::string& ip = "127.0.0.1");

// Writes a random payload file of `size` bytes under `dir`/name and a v1 .torrent of it; returns the
// .torrent bytes.
std::vector<char> makeTorrentFile(const std::filesystem::path& dir, const std::string& name, std::int64_t size,
                                  std::uint64_t seed);

}  // namespace shoal::test
