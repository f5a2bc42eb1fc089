// PreferencesDialog: the form round-trips every setting it shows, refuses invalid ones inline, and what it
// applies is stored in the library: it is there after the session is shut down and opened again.
#include <gtest/gtest.h>

#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>

#include "dialogs/preferences_dialog.h"
#include "gui_support.h"

namespace shoal::test {
namespace {

using gui::PreferencesDialog;
using gui::SessionBridge;

// Every field the dialog shows, away from its default.
Settings changedSettings() {
    Settings s;
    s.defaultSavePath = "/srv/torrents";
    s.incompleteSavePath = "/srv/incomplete";
    s.listenInterfaces = "0.0.0.0:51413,[::]:51413";
    s.connectionsLimit = 321;
    s.encryption = EncryptionPolicy::Require;
    s.enableUpnp = false;
    s.downloadLimit = 2048 * 1024;
    s.uploadLimit = 100 * 1024;
    s.altDownloadLimit = 300 * 1024;
    s.altUploadLimit = 30 * 1024;
    s.altSpeedEnabled = true;
    s.altSpeedScheduled = true;
    s.altSpeedBeginMinute = 8 * 60 + 30;
    s.altSpeedEndMinute = 17 * 60 + 45;
    s.altSpeedDays = 0b0111110;  // Monday .. Friday
    s.enableDht = false;
    s.enablePex = false;
    s.enableLsd = false;
    s.queueingEnabled = false;
    s.activeDownloads = 7;
    s.activeSeeds = 9;
    s.activeLimit = 40;
    s.seedRatioGoal = 1.5;
    s.seedTimeGoalSeconds = 90 * 60;
    return s;
}

TEST(PreferencesDialog, FormRoundTripsEveryShownSetting) {
    SessionBridge bridge;
    PreferencesDialog dialog(bridge);
    const Settings s = changedSettings();
    dialog.load(s);
    EXPECT_EQ(dialog.collect(), s);
    dialog.load(Settings{});
    EXPECT_EQ(dialog.collect(), Settings{});
}

TEST(PreferencesDialog, ListenPortKeepsEachAddress) {
    EXPECT_EQ(gui::listenPort("0.0.0.0:6881,[::]:6881"), 6881);
    EXPECT_EQ(gui::withListenPort("0.0.0.0:6881,[::]:6881", 51413), "0.0.0.0:51413,[::]:51413");
    EXPECT_EQ(gui::withListenPort("127.0.0.5:0,10.0.0.1:7000s", 9000), "127.0.0.5:9000,10.0.0.1:9000s");
    EXPECT_EQ(gui::withListenPort("", 9000), "0.0.0.0:9000,[::]:9000");
}

TEST(PreferencesDialog, InvalidSettingsAreRefusedInline) {
    SessionBridge bridge;
    PreferencesDialog dialog(bridge);
    Settings s;
    s.listenInterfaces = "nonsense";
    dialog.load(s);
    EXPECT_FALSE(dialog.apply());
    EXPECT_TRUE(dialog.errorText().contains(QStringLiteral("listen_interfaces")))
        << dialog.errorText().toStdString();
}

TEST(PreferencesDialog, AppliedSettingsPersistAcrossARestart) {
    TempDir dir;
    const auto profile = dir.path() / "profile";
    const Settings wanted = [&] {
        auto session = openGuiSession(profile);
        SessionBridge bridge;
        bridge.attach(session);
        EXPECT_TRUE(waitUntil([&] { return bridge.settingsKnown(); }));
        PreferencesDialog dialog(bridge);
        EXPECT_EQ(dialog.collect(), session->settings()) << "the dialog did not load the session's settings";
        // Typed into the form, as a user would.
        auto* path = dialog.findChild<QLineEdit*>(QStringLiteral("defaultSavePath"));
        auto* altDown = dialog.findChild<QSpinBox*>(QStringLiteral("altDownloadLimit"));
        EXPECT_TRUE(path != nullptr && altDown != nullptr);
        if (path == nullptr || altDown == nullptr) return Settings{};
        path->setText(QString::fromStdString((dir.path() / "my downloads").string()));
        altDown->setValue(123);  // KiB/s
        Settings s = session->settings();
        s.defaultSavePath = (dir.path() / "my downloads").string();
        s.altDownloadLimit = 123 * 1024;
        EXPECT_EQ(dialog.collect(), s);
        QSignalSpy applied(&dialog, &PreferencesDialog::applied);
        EXPECT_TRUE(dialog.apply()) << dialog.errorText().toStdString();
        EXPECT_TRUE(waitUntil([&] { return applied.count() == 1; })) << "the session never took the settings";
        EXPECT_EQ(session->settings(), s);
        bridge.detach();
        session->shutdown();
        return s;
    }();

    auto reopened = openGuiSession(profile);
    const Settings stored = reopened->settings();
    EXPECT_EQ(stored.defaultSavePath, (dir.path() / "my downloads").string());
    EXPECT_EQ(stored.altDownloadLimit, 123 * 1024);
    EXPECT_EQ(stored, wanted);
    // And the next dialog shows them.
    SessionBridge bridge;
    bridge.attach(reopened);
    EXPECT_TRUE(waitUntil([&] { return bridge.settingsKnown(); }));
    PreferencesDialog dialog(bridge);
    EXPECT_EQ(dialog.collect(), wanted);
    bridge.detach();
}

}  // namespace
}  // namespace shoal::test
