// The details pane's models and drawn widgets without a session: the file tree and peer table under
// QAbstractItemModelTester with in-place updates, the piece map's pixels, the speed ring buffer.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QImage>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStringList>
#include <QTableView>

#include "details/file_tree_model.h"
#include "details/peer_table_model.h"
#include "details/peers_tab.h"
#include "details/piece_map_widget.h"
#include "details/speed_history.h"

namespace shoal::gui {
namespace {

// Collects what QAbstractItemModelTester reports (it warns, in Warning mode, instead of aborting).
class ModelWarnings {
public:
    ModelWarnings() {
        messages().clear();
        previous_ = qInstallMessageHandler(
            [](QtMsgType type, const QMessageLogContext& context, const QString& text) {
                if (type >= QtWarningMsg && context.category != nullptr &&
                    QLatin1String(context.category) == QLatin1String("qt.modeltest"))
                    messages() << text;
            });
    }
    ~ModelWarnings() { qInstallMessageHandler(previous_); }
    static QStringList& messages() {
        static QStringList list;
        return list;
    }

private:
    QtMessageHandler previous_ = nullptr;
};

FileEntry file(int index, const std::string& path, std::int64_t size, std::int64_t done = 0,
               FilePriority priority = FilePriority::Normal) {
    FileEntry f;
    f.index = index;
    f.path = path;
    f.size = size;
    f.downloaded = done;
    f.priority = priority;
    return f;
}

std::vector<FileEntry> sampleFiles() {
    // Index 2 is a pad file libtorrent hides: indices have a gap, as in a real v2/hybrid torrent.
    return {file(0, "album/cd1/track10.flac", 1000), file(1, "album/cd1/track2.flac", 500, 250),
            file(3, "album/cover.jpg", 100, 100), file(4, "album/notes.txt", 10, 0, FilePriority::Skip)};
}

TEST(DetailsFileTree, BuildsFoldersFromPathsAndPassesTheModelTester) {
    ModelWarnings warnings;
    FileTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    EXPECT_TRUE(model.setFiles(sampleFiles()));

    ASSERT_EQ(model.rowCount(), 1);
    const QModelIndex album = model.index(0, FileTreeModel::Name);
    EXPECT_EQ(album.data().toString(), QLatin1String("album"));
    ASSERT_EQ(model.rowCount(album), 3);  // cd1/, cover.jpg, notes.txt: folders first
    const QModelIndex cd1 = model.index(0, 0, album);
    EXPECT_EQ(cd1.data().toString(), QLatin1String("cd1"));
    EXPECT_EQ(model.index(0, 0, cd1).data().toString(), QLatin1String("track2.flac"));  // natural order
    EXPECT_EQ(model.index(1, 0, cd1).data(FileTreeModel::FileIndexRole).toInt(), 0);
    EXPECT_EQ(model.index(1, 0, cd1).data(FileTreeModel::PathRole).toString(),
              QLatin1String("album/cd1/track10.flac"));

    // Folder aggregates: size, progress, tri-state check, mixed priority.
    EXPECT_NEAR(album.data(FileTreeModel::ProgressRole).toDouble(), 350.0 / 1610.0, 1e-9);
    EXPECT_EQ(album.data(Qt::CheckStateRole).toInt(), Qt::PartiallyChecked);
    EXPECT_EQ(cd1.data(Qt::CheckStateRole).toInt(), Qt::Checked);
    EXPECT_EQ(album.data(FileTreeModel::PriorityRole).toInt(), FileTreeModel::kMixedPriority);
    EXPECT_TRUE(model.indexOfPath(QStringLiteral("album/cover.jpg")).isValid());
    EXPECT_TRUE(warnings.messages().isEmpty()) << warnings.messages().join(QLatin1Char('\n')).toStdString();
}

TEST(DetailsFileTree, CheckBoxesMapToSkipAndNormalForTheWholeVector) {
    ModelWarnings warnings;
    FileTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setFiles(sampleFiles());
    QSignalSpy edited(&model, &FileTreeModel::prioritiesEdited);
    const QModelIndex album = model.index(0, 0);
    const QModelIndex cd1 = model.index(0, 0, album);

    ASSERT_TRUE(model.setData(cd1, Qt::Unchecked, Qt::CheckStateRole));
    ASSERT_EQ(edited.count(), 1);
    auto sent = edited.takeFirst().at(0).value<std::vector<FilePriority>>();
    // One entry per file index up to the last; the pad file's gap is Skip.
    ASSERT_EQ(sent.size(), 5u);
    EXPECT_EQ(sent[0], FilePriority::Skip);
    EXPECT_EQ(sent[1], FilePriority::Skip);
    EXPECT_EQ(sent[3], FilePriority::Normal);
    EXPECT_EQ(sent[4], FilePriority::Skip);
    EXPECT_EQ(cd1.data(Qt::CheckStateRole).toInt(), Qt::Unchecked);
    EXPECT_EQ(album.data(Qt::CheckStateRole).toInt(), Qt::PartiallyChecked);

    // Checking the whole album brings every skipped file back to Normal, and keeps a High one High.
    model.setPriority(model.indexOfPath(QStringLiteral("album/cover.jpg")), FilePriority::High);
    edited.clear();
    ASSERT_TRUE(model.setData(album, Qt::Checked, Qt::CheckStateRole));
    ASSERT_EQ(edited.count(), 1);
    sent = edited.takeFirst().at(0).value<std::vector<FilePriority>>();
    EXPECT_EQ(sent[0], FilePriority::Normal);
    EXPECT_EQ(sent[3], FilePriority::High);
    EXPECT_EQ(sent[4], FilePriority::Normal);
    EXPECT_EQ(album.data(Qt::CheckStateRole).toInt(), Qt::Checked);
    EXPECT_TRUE(warnings.messages().isEmpty()) << warnings.messages().join(QLatin1Char('\n')).toStdString();
}

TEST(DetailsFileTree, SameFileListUpdatesInPlace) {
    ModelWarnings warnings;
    FileTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.setFiles(sampleFiles());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    const QPersistentModelIndex track2 = model.indexOfPath(QStringLiteral("album/cd1/track2.flac"));

    auto files = sampleFiles();
    files[1].downloaded = 500;
    EXPECT_FALSE(model.setFiles(files));
    EXPECT_EQ(resets.count(), 0);
    EXPECT_GE(changes.count(), 3);  // the file, cd1, album
    ASSERT_TRUE(track2.isValid());
    EXPECT_DOUBLE_EQ(track2.data(FileTreeModel::ProgressRole).toDouble(), 1.0);

    files[1].path = "album/cd1/track02.flac";  // renamed elsewhere: a new list
    EXPECT_TRUE(model.setFiles(files));
    EXPECT_EQ(resets.count(), 1);
    EXPECT_TRUE(warnings.messages().isEmpty()) << warnings.messages().join(QLatin1Char('\n')).toStdString();
}

TEST(DetailsFileTree, RenameAFolderRenamesEveryFileUnderIt) {
    FileTreeModel model;
    model.setFiles(sampleFiles());
    QSignalSpy renames(&model, &FileTreeModel::renameRequested);
    const QModelIndex cd1 = model.indexOfPath(QStringLiteral("album/cd1"));
    EXPECT_FALSE(model.rename(cd1, QStringLiteral("a/b")));        // one component only
    EXPECT_FALSE(model.rename(cd1, QStringLiteral("cover.jpg")));  // would collide with a sibling
    ASSERT_TRUE(model.setData(cd1, QStringLiteral("disc1"), Qt::EditRole));
    ASSERT_EQ(renames.count(), 2);
    QStringList paths;
    for (const auto& args : renames)
        paths << QString::number(args.at(0).toInt()) + QLatin1Char('=') + args.at(1).toString();
    paths.sort();
    EXPECT_EQ(paths, (QStringList{QStringLiteral("0=album/disc1/track10.flac"),
                                  QStringLiteral("1=album/disc1/track2.flac")}));
    // The session's confirmation (same paths) does not rebuild the tree.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    auto files = sampleFiles();
    files[0].path = "album/disc1/track10.flac";
    files[1].path = "album/disc1/track2.flac";
    EXPECT_FALSE(model.setFiles(files));
    EXPECT_EQ(resets.count(), 0);
}

PeerInfo peer(const std::string& address, int down, double progress = 0.5) {
    PeerInfo p;
    p.address = address;
    p.client = "Test 1.0";
    p.flags = "DIE";
    p.source = "tracker";
    p.downloadRate = down;
    p.progress = progress;
    return p;
}

TEST(DetailsPeers, UpdatesRowsInPlaceKeyedByAddress) {
    ModelWarnings warnings;
    PeerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    model.update({peer("10.0.0.1:1", 100), peer("10.0.0.2:2", 200), peer("10.0.0.3:3", 300)});
    ASSERT_EQ(model.rowCount(), 3);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    const QPersistentModelIndex second = model.index(model.rowOf(QStringLiteral("10.0.0.2:2")), 0);

    model.update({peer("10.0.0.2:2", 999), peer("10.0.0.4:4", 1), peer("10.0.0.3:3", 300)});
    EXPECT_EQ(resets.count(), 0);
    EXPECT_EQ(model.rowCount(), 3);
    EXPECT_EQ(model.rowOf(QStringLiteral("10.0.0.1:1")), -1);
    ASSERT_TRUE(second.isValid());  // the same row object moved up, it was not recreated
    EXPECT_EQ(second.row(), model.rowOf(QStringLiteral("10.0.0.2:2")));
    EXPECT_EQ(model.peerAt(second.row()).downloadRate, 999);
    EXPECT_EQ(model.index(second.row(), PeerTableModel::DownRate).data(PeerTableModel::SortRole).toInt(),
              999);
    EXPECT_EQ(model.index(0, PeerTableModel::Country).data().toString(), QStringLiteral("—"));
    EXPECT_FALSE(model.index(0, PeerTableModel::Country).data(Qt::ToolTipRole).toString().isEmpty());
    EXPECT_TRUE(model.index(0, PeerTableModel::Flags)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("I: ")));
    EXPECT_TRUE(warnings.messages().isEmpty()) << warnings.messages().join(QLatin1Char('\n')).toStdString();
}

TEST(DetailsPeers, SelectionSurvivesARefreshThatReorders) {
    PeersTab tab;
    TorrentDetails d;
    d.peers = {peer("10.0.0.1:1", 100), peer("10.0.0.2:2", 200), peer("10.0.0.3:3", 300)};
    tab.showDetails(d);
    QTableView* view = tab.view();
    // Sorted by download rate, fastest first: 10.0.0.3 is row 0. Select 10.0.0.1 (row 2).
    const QModelIndex slow = tab.proxy()->index(2, PeerTableModel::Address);
    ASSERT_EQ(slow.data().toString(), QLatin1String("10.0.0.1:1"));
    view->selectionModel()->select(slow, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    d.peers = {peer("10.0.0.1:1", 5000), peer("10.0.0.2:2", 200), peer("10.0.0.3:3", 300),
               peer("10.0.0.5:5", 1)};
    tab.showDetails(d);
    const QModelIndexList selected = view->selectionModel()->selectedRows(PeerTableModel::Address);
    ASSERT_EQ(selected.size(), 1);
    EXPECT_EQ(selected.front().data().toString(), QLatin1String("10.0.0.1:1"));
    EXPECT_EQ(selected.front().row(), 0);  // now the fastest, re-sorted to the top, still selected
}

int countPixels(const QImage& image, const QColor& color) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) n += image.pixelColor(x, y).rgb() == color.rgb() ? 1 : 0;
    }
    return n;
}

TEST(DetailsPieceMap, PaintsHavePixelsInProportionToPiecesHad) {
    PieceMapWidget map;
    map.resize(400, 160);
    std::vector<bool> have(200, false);
    for (int i = 0; i < 60; ++i) have[static_cast<std::size_t>(i * 3)] = true;  // 30 %, spread out
    map.setPieces(have, std::vector<int>(200, 2), {1, 2});
    ASSERT_EQ(map.piecesPerCell(), 1);
    const QImage image = map.grab().toImage();
    const int had = countPixels(image, PieceMapWidget::haveColor());
    const int missing = countPixels(image, PieceMapWidget::missingColor());
    const int busy = countPixels(image, PieceMapWidget::downloadingColor());
    ASSERT_GT(had + missing + busy, 0);
    EXPECT_NEAR(static_cast<double>(had) / (had + missing + busy), 0.30, 0.02);
    EXPECT_NEAR(static_cast<double>(busy) / (had + missing + busy), 0.01, 0.005);
    EXPECT_EQ(countPixels(image, PieceMapWidget::unavailableColor()), 0);  // every piece has 2 copies

    // A piece no peer has shows red in the availability strip.
    std::vector<int> availability(200, 2);
    availability[100] = 0;
    map.setPieces(have, availability, {});
    EXPECT_GT(countPixels(map.grab().toImage(), PieceMapWidget::unavailableColor()), 0);
}

TEST(DetailsPieceMap, BinsManyPiecesAndShadesThemByFraction) {
    PieceMapWidget map;
    map.resize(200, 80);
    std::vector<bool> have(100000, false);
    std::fill(have.begin(), have.begin() + 50000, true);  // the first half, complete
    map.setPieces(have, {}, {});
    EXPECT_GT(map.piecesPerCell(), 1);
    const QImage image = map.grab().toImage();
    const int had = countPixels(image, PieceMapWidget::haveColor());
    const int missing = countPixels(image, PieceMapWidget::missingColor());
    ASSERT_GT(had + missing, 0);
    EXPECT_NEAR(static_cast<double>(had) / (had + missing), 0.5, 0.05);
}

TEST(DetailsSpeed, HistoryIsARingOfTheLastSamples) {
    SpeedHistory history(300);
    for (int i = 0; i < 1000; ++i) history.add(i * 1000, i, 2 * i);
    EXPECT_EQ(history.size(), 300u);
    EXPECT_EQ(history.at(0).download, 700);  // the oldest kept
    EXPECT_EQ(history.at(299).download, 999);
    EXPECT_EQ(history.at(299).msecs, 999000);
    EXPECT_EQ(history.peak(), 1998);
    history.clear();
    EXPECT_EQ(history.size(), 0u);
    EXPECT_EQ(history.peak(), 0);
}

}  // namespace
}  // namespace shoal::gui
