// main() of the GUI tests: one QApplication for all of them, on the offscreen platform by default.
#include <gtest/gtest.h>

#include <QApplication>
#include <QStandardPaths>
#include <cstdlib>

int main(int argc, char** argv) {
    // Set before QApplication exists: the platform plugin is chosen in its constructor.
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("shoal-gui-tests"));
    QApplication::setOrganizationName(QStringLiteral("shoal"));
    // QSettings (window layout, remembered paths) go to ~/.qttest, never into the user's own config.
    QStandardPaths::setTestModeEnabled(true);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
