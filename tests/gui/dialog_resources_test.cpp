// The desktop resources: the .desktop file and the AppStream metainfo pass their validators (when those
// programs are installed), their names agree with the installed icon, the icon renders, and the German
// translation is built and translates the dialogs.
#include <gtest/gtest.h>

#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTranslator>

#include "dialogs/add_torrent_dialog.h"
#include "gui_support.h"

namespace shoal::test {
namespace {

const QString kResources = QStringLiteral(SHOAL_SOURCE_DIR "/resources");

// Runs `program args`, returns exit code and output; -1 if it did not finish within 60 s.
std::pair<int, QString> run(const QString& program, const QStringList& args) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    if (!process.waitForFinished(60000)) return {-1, QStringLiteral("timed out")};
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

QString readText(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll());
}

TEST(DesktopFiles, DesktopEntryPassesDesktopFileValidate) {
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty())
        GTEST_SKIP() << "desktop-file-validate not installed (package desktop-file-utils)";
    const auto [code, output] = run(validator, {kResources + QStringLiteral("/shoal.desktop")});
    EXPECT_EQ(code, 0) << output.toStdString();
    EXPECT_TRUE(output.trimmed().isEmpty()) << "warnings: " << output.toStdString();
}

TEST(DesktopFiles, MetainfoPassesAppstreamcliValidate) {
    const QString validator = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
    if (validator.isEmpty()) GTEST_SKIP() << "appstreamcli not installed (package appstream)";
    const auto [code, output] =
        run(validator, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                        kResources + QStringLiteral("/org.shoal.Shoal.metainfo.xml")});
    EXPECT_EQ(code, 0) << output.toStdString();
}

TEST(DesktopFiles, NamesAgreeBetweenDesktopEntryMetainfoAndIcon) {
    // gui/CMakeLists.txt installs shoal.desktop as org.shoal.Shoal.desktop and the icon as
    // org.shoal.Shoal.svg.
    const QString desktop = readText(kResources + QStringLiteral("/shoal.desktop"));
    const QString metainfo = readText(kResources + QStringLiteral("/org.shoal.Shoal.metainfo.xml"));
    EXPECT_TRUE(desktop.contains(QStringLiteral("\nIcon=org.shoal.Shoal\n")));
    EXPECT_TRUE(desktop.contains(QStringLiteral("\nExec=shoal-gui %U\n")));
    EXPECT_TRUE(
        desktop.contains(QStringLiteral("MimeType=application/x-bittorrent;x-scheme-handler/magnet;")));
    EXPECT_TRUE(metainfo.contains(QStringLiteral("<id>org.shoal.Shoal</id>")));
    EXPECT_TRUE(metainfo.contains(
        QStringLiteral("<launchable type=\"desktop-id\">org.shoal.Shoal.desktop</launchable>")));
    EXPECT_TRUE(metainfo.contains(QStringLiteral("<binary>shoal-gui</binary>")));
}

TEST(DesktopFiles, IconIsEmbeddedAndRenders) {
    QSvgRenderer renderer(QStringLiteral(":/icons/shoal.svg"));
    ASSERT_TRUE(renderer.isValid()) << "the icon is not in the resources or is not valid SVG";
    EXPECT_EQ(renderer.defaultSize(), QSize(128, 128));
    QImage image(256, 256, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    // Drawn: the water fills the middle; the corners outside the rounded square stay clear.
    EXPECT_GT(qAlpha(image.pixel(128, 20)), 200);
    EXPECT_EQ(qAlpha(image.pixel(2, 2)), 0);
    image.save(QStringLiteral(SHOAL_BUILD_DIR "/shoal-icon-256.png"));  // for a reviewer to look at
}

TEST(DesktopFiles, GermanTranslationIsBuiltAndTranslatesTheDialogs) {
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(SHOAL_BUILD_DIR "/gui/shoal_de.qm")))
        << "shoal_de.qm was not built (qt_add_translations in gui/CMakeLists.txt)";
    EXPECT_EQ(translator.translate("shoal::gui::AddTorrentDialog", "Add Torrent"),
              QStringLiteral("Torrent hinzufügen"));
    EXPECT_EQ(translator.translate("shoal::gui::PreferencesDialog", "Preferences"),
              QStringLiteral("Einstellungen"));

    // Installed, the dialogs speak German.
    ASSERT_TRUE(QCoreApplication::installTranslator(&translator));
    gui::SessionBridge bridge;
    gui::AddTorrentDialog dialog(bridge);
    QCoreApplication::removeTranslator(&translator);
    EXPECT_EQ(dialog.windowTitle(), QStringLiteral("Torrent hinzufügen"));
}

}  // namespace
}  // namespace shoal::test
