// The small dialogs: per-torrent limits in bytes/s with 0 as unlimited, and the magnet list's lines.
#include <gtest/gtest.h>

#include "dialogs/limits_dialog.h"
#include "dialogs/magnet_dialog.h"

namespace shoal::test {
namespace {

using gui::LimitsDialog;
using gui::MagnetDialog;

TEST(LimitsDialog, ReportsBytesPerSecondWithZeroAsUnlimited) {
    LimitsDialog dialog(2 * 1024 * 1024, 0);
    EXPECT_EQ(dialog.downloadLimit(), 2 * 1024 * 1024);
    EXPECT_EQ(dialog.uploadLimit(), 0);
    dialog.setLimits(0, 500);  // below 1 KiB/s: shown as 1 KiB/s, never as unlimited
    EXPECT_EQ(dialog.downloadLimit(), 0);
    EXPECT_EQ(dialog.uploadLimit(), 1024);
}

TEST(MagnetDialog, GivesOneLinkPerNonEmptyLine) {
    MagnetDialog dialog;
    dialog.setText(
        QStringLiteral("  magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567 \n\n"
                       "0123456789ABCDEF0123456789ABCDEF01234567\n"));
    EXPECT_EQ(dialog.links(),
              (QStringList{QStringLiteral("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567"),
                           QStringLiteral("0123456789ABCDEF0123456789ABCDEF01234567")}));
    EXPECT_TRUE(dialog.errorText().isEmpty());
}

TEST(MagnetDialog, NamesTheFirstLineThatIsNoLink) {
    MagnetDialog dialog;
    dialog.setText(
        QStringLiteral("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567\nhello world\n"));
    EXPECT_TRUE(dialog.errorText().contains(QStringLiteral("2"))) << dialog.errorText().toStdString();
    EXPECT_TRUE(dialog.errorText().contains(QStringLiteral("hello world")));
}

}  // namespace
}  // namespace shoal::test
