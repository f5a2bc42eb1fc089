// shoal-gui: the desktop app. `shoal-gui [--profile DIR] [FILE.torrent|MAGNET]...`
// Order matters for start-up time: the window is shown first, then the library is opened on a worker
// thread and the torrents appear as the engine reports them.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <malloc.h>
#include <memory>

#include "app/session_bridge.h"
#include "app/session_loader.h"
#include "app/single_instance.h"
#include "app/unix_signals.h"
#include "model/torrent_table_model.h"
#include "shoal/local_session.h"
#include "widgets/main_window.h"
#include "widgets/startup_probe.h"

namespace {

// Relative .torrent paths are made absolute: a running instance has another working directory.
QStringList normalizeItems(const QStringList& items) {
    QStringList out;
    for (const QString& item : items) {
        const bool isLink = item.startsWith(QLatin1String("magnet:"), Qt::CaseInsensitive) ||
                            item.startsWith(QLatin1String("http://")) || item.startsWith(QLatin1String("https://"));
        const bool isFile = !isLink && QFileInfo::exists(item);
        out << (isFile ? QFileInfo(item).absoluteFilePath() : item);
    }
    return out;
}

void installTranslations(QApplication& app) {
    // Shoal's own strings (embedded by qt_add_translations under :/i18n) and Qt's (dialog buttons).
    auto* own = new QTranslator(&app);
    if (own->load(QLocale(), QStringLiteral("shoal"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

}  // namespace

int main(int argc, char** argv) {
    ::mallopt(M_ARENA_MAX, 2);  // before any thread starts: as the CLI does, see cli/main.cpp
    QElapsedTimer sinceLaunch;
    sinceLaunch.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("shoal-gui"));
    QApplication::setOrganizationName(QStringLiteral("shoal"));
    QApplication::setApplicationVersion(QStringLiteral(SHOAL_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/shoal.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.shoal.Shoal"));
    // The tray keeps the app alive when the window is hidden; MainWindow quits explicitly.
    QApplication::setQuitOnLastWindowClosed(false);
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Shoal: a BitTorrent client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QApplication::translate("main", "Library directory (default: %1).")
                                               .arg(QString::fromStdString(shoal::defaultProfileDir().string())),
                                           QStringLiteral("DIR"));
    const QCommandLineOption probeOption(
        QStringLiteral("startup-report"),
        QApplication::translate("main", "Print start-up timings (first paint, library loaded) to stdout and quit."));
    parser.addOption(profileOption);
    parser.addOption(probeOption);
    parser.addPositionalArgument(QStringLiteral("items"), QApplication::translate("main", ".torrent files or magnet links to add."),
                                 QStringLiteral("[FILE.torrent|MAGNET...]"));
    parser.process(app);

    const QString profile = QDir(parser.isSet(profileOption) ? parser.value(profileOption)
                                                             : QString::fromStdString(shoal::defaultProfileDir().string()))
                                .absolutePath();
    const QStringList items = normalizeItems(parser.positionalArguments());

    // Before the single-instance socket appears: from then on another launch (or a test) may act on us,
    // and a SIGTERM must end the app as Quit does, not by the default action. A signal that comes
    // before the window exists waits in the handler's pipe until the event loop reads it.
    shoal::gui::UnixSignals signals_;
    shoal::gui::SingleInstance instance(profile);
    if (instance.sendToRunning(items)) return 0;
    if (!instance.listen())
        std::fprintf(stderr, "shoal-gui: no single-instance socket (%s); going on\n", qPrintable(instance.errorString()));

    shoal::gui::SessionBridge bridge;
    shoal::gui::MainWindow window(bridge);
    std::shared_ptr<shoal::LocalSession> local;
    shoal::gui::SessionLoader loader;

    std::unique_ptr<shoal::gui::StartupProbe> probe;
    if (parser.isSet(probeOption)) probe = std::make_unique<shoal::gui::StartupProbe>(window, bridge, sinceLaunch);

    QObject::connect(&loader, &shoal::gui::SessionLoader::opened, &window,
                     [&](std::shared_ptr<shoal::LocalSession> session) {
                         local = session;
                         window.setLocalSession(session);
                         if (!window.showsRemote()) bridge.attach(std::move(session));
                     });
    QObject::connect(&loader, &shoal::gui::SessionLoader::failed, &window, [&](const QString& message) {
        QMessageBox::critical(&window, QStringLiteral("Shoal"),
                              QApplication::translate("main", "Cannot open the library in %1:\n%2").arg(profile, message));
        QApplication::exit(1);
    });
    QObject::connect(&instance, &shoal::gui::SingleInstance::itemsReceived, &window,
                     [&window](const QStringList& received) {
                         if (received.isEmpty()) {
                             window.showNormal();
                             window.raise();
                             window.activateWindow();
                         } else {
                             window.openItems(received);
                         }
                     });

    QObject::connect(&signals_, &shoal::gui::UnixSignals::quitRequested, &window, [&window] { window.quit(); });

    window.show();
    if (!items.isEmpty()) window.openItems(items);
    shoal::LocalSessionOptions options;
    options.profileDir = profile.toStdString();
    loader.open(std::move(options));

    const int rc = QApplication::exec();
    // Save resume data and stop the engine after the window is gone (the user sees it close at once).
    window.hide();
    bridge.detach();
    bridge.waitForIdle(30000);
    if (local) local->shutdown();
    return rc;
}
