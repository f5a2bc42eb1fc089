// shoal-gui as a process: a real window under Xvfb, single-instance hand-over between two launches,
// and a clean exit on SIGTERM that keeps the library intact.
#include <gtest/gtest.h>

#include <QLocalSocket>
#include <QSignalSpy>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/single_instance.h"
#include "gui_support.h"
#include "support/process.h"

namespace shoal::test {
namespace {

const char* const kMagnet = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=handed-over";

// The start-up report's line, parsed; a discarded JSON value if there is none.
nlohmann::json startupReport(const std::string& line) { return nlohmann::json::parse(line, nullptr, false); }

TEST(GuiProcess, PaintsARealWindowUnderXvfb) {
    if (!onPath("xvfb-run")) GTEST_SKIP() << "xvfb-run is not installed (package xvfb; scripts/install-deps.sh has it)";
    TempDir dir;
    // -a picks a free display number; the xcb platform makes it a real X11 window, not offscreen.
    const RunResult r = run({"xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "env", "QT_QPA_PLATFORM=xcb",
                             "XDG_CONFIG_HOME=" + (dir.path() / "config").string(), SHOAL_GUI_PATH, "--profile",
                             (dir.path() / "profile").string(), "--startup-report"},
                            std::chrono::seconds(90));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto report = startupReport(r.out);
    ASSERT_TRUE(report.is_object()) << r.out;
    EXPECT_GE(report.value("first_paint_ms", -1), 0);
    EXPECT_GE(report.value("listed_paint_ms", -1), report.value("first_paint_ms", -1));
    EXPECT_TRUE(std::filesystem::exists(dir.path() / "profile" / "shoal.db"));
}

TEST(GuiProcess, SecondLaunchHandsItsItemsToTheRunningOne) {
    TempDir dir;
    const std::string profile = (dir.path() / "profile").string();
    Process first(
        {.argv = {SHOAL_GUI_PATH, "--profile", profile},
         .workingDir = {},
         .env = {{"QT_QPA_PLATFORM", "offscreen"}, {"XDG_CONFIG_HOME", (dir.path() / "config").string()}}});
    ASSERT_TRUE(first.started());

    // The first instance is ready when its socket answers.
    gui::SingleInstance probe(QString::fromStdString(std::filesystem::absolute(profile).string()));
    ASSERT_TRUE(waitUntil([&] {
        QLocalSocket socket;
        socket.connectToServer(probe.serverName());
        const bool up = socket.waitForConnected(200);
        socket.abort();
        return up;
    }, 30000)) << first.stderrText();

    const RunResult second = run({SHOAL_GUI_PATH, "--profile", profile, kMagnet}, std::chrono::seconds(30));
    EXPECT_EQ(second.exitCode, 0) << second.err;
    // The first one is still running: it took the items instead of a second window opening.
    EXPECT_FALSE(first.wait(std::chrono::milliseconds(0)).has_value());
    EXPECT_EQ(first.stop(std::chrono::seconds(20)), 0) << "SIGTERM must end shoal-gui cleanly";
}

// The moment its single-instance socket answers, another launch or a service manager may act on the app:
// a SIGTERM then must already end it as Quit does (it used to die of the signal, 143).
TEST(GuiProcess, SigtermTheMomentTheSocketAppearsEndsItCleanly) {
    TempDir dir;
    const std::string profile = (dir.path() / "profile").string();
    Process app(
        {.argv = {SHOAL_GUI_PATH, "--profile", profile},
         .workingDir = {},
         .env = {{"QT_QPA_PLATFORM", "offscreen"}, {"XDG_CONFIG_HOME", (dir.path() / "config").string()}}});
    ASSERT_TRUE(app.started());
    gui::SingleInstance probe(QString::fromStdString(std::filesystem::absolute(profile).string()));
    ASSERT_TRUE(waitUntil([&] {
        QLocalSocket socket;
        socket.connectToServer(probe.serverName());
        const bool up = socket.waitForConnected(20);
        socket.abort();
        return up;
    }, 30000)) << app.stderrText();
    app.signal(SIGTERM);
    const auto code = app.wait(std::chrono::seconds(20));
    ASSERT_TRUE(code.has_value()) << "still running 20 s after SIGTERM";
    EXPECT_EQ(*code, 0) << app.stderrText();
}

TEST(SingleInstance, DeliversItemsInProcess) {
    TempDir dir;
    const QString key = QString::fromStdString(dir.path().string());
    gui::SingleInstance running(key);
    ASSERT_TRUE(running.listen()) << running.errorString().toStdString();
    QSignalSpy received(&running, &gui::SingleInstance::itemsReceived);

    // The sender blocks on its socket, so it runs on its own thread while this one turns the event loop.
    bool sent = false;
    std::thread sender([&] {
        gui::SingleInstance other(key);
        sent = other.sendToRunning({QStringLiteral("/tmp/a b.torrent"), QString::fromLatin1(kMagnet)}, 5000);
    });
    const bool arrived = waitUntil([&] { return received.count() == 1; }, 10000);
    sender.join();
    ASSERT_TRUE(sent);
    ASSERT_TRUE(arrived);
    const QStringList items = received.front().front().toStringList();
    EXPECT_EQ(items, (QStringList{QStringLiteral("/tmp/a b.torrent"), QString::fromLatin1(kMagnet)}));
}

TEST(SingleInstance, NobodyRunningMeansNoHandOver) {
    TempDir dir;
    gui::SingleInstance alone(QString::fromStdString(dir.path().string()));
    EXPECT_FALSE(alone.sendToRunning({QStringLiteral("x")}, 300));
}

}  // namespace
}  // namespace shoal::test
