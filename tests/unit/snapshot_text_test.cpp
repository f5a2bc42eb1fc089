// A session's snapshots carry text, not bytes: a magnet named %ff shows as U+FFFD once the engine has
// reported on it, so every front end (JSON, Qt, logs) gets valid UTF-8 (issue 17, item 2).
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "shoal/add_request.h"
#include "shoal/local_session.h"
#include "shoal/text.h"
#include "support/fixtures.h"

namespace shoal {
namespace {

using namespace std::chrono_literals;

TEST(SnapshotText, AMagnetNamedWithInvalidUtf8IsShownWithReplacementCharacters) {
    test::TempDir dir("shoal-snapshot-text");
    LocalSessionOptions options;
    options.profileDir = dir.path() / "profile";
    options.tickMs = 100;
    options.overrides = [save = (dir.path() / "data").string()](Settings& s) {
        test::useLoopback(s, "127.0.0.1");
        s.defaultSavePath = save;
    };
    auto opened = LocalSession::open(options);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    LocalSession& session = *opened.value();

    AddRequest request;
    request.magnetUri = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=bad%ffname";
    request.paused = true;
    auto id = session.add(request);
    ASSERT_TRUE(id.ok()) << id.error().message;

    // The add's own first snapshot is the engine's business; what counts is what the ticks report.
    const std::string expected = std::string("bad") + "\xEF\xBF\xBD" + "name";
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    std::string name;
    while (std::chrono::steady_clock::now() < deadline) {
        if (auto s = session.status(id.value())) name = s->name;
        if (name == expected) break;
        std::this_thread::sleep_for(50ms);
    }
    EXPECT_EQ(name, expected);
    auto details = session.details(id.value());
    ASSERT_TRUE(details.ok()) << details.error().message;
    EXPECT_TRUE(isValidUtf8(details->status.name)) << details->status.name;
    session.shutdown();
}

}  // namespace
}  // namespace shoal
