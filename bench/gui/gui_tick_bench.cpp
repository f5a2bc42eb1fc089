// Per-tick cost of the torrent list with 10,000 torrents: 500 changed snapshots go through the bridge into
// the table model, the sort/filter proxy (sorted by download rate, so rows move) and a shown QTableView,
// which then repaints. Synthetic snapshots stand in for the engine: the path from the bridge on is the
// one a real tick takes. Run offscreen: QT_QPA_PLATFORM=offscreen shoal_gui_tick_bench
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QHeaderView>
#include <QTableView>
#include <cstdlib>
#include <random>

#include "app/session_bridge.h"
#include "model/torrent_filter_model.h"
#include "model/torrent_table_model.h"

namespace {

using namespace shoal;
using namespace shoal::gui;

TorrentStatus synthetic(TorrentId id, std::mt19937& rng) {
    TorrentStatus s;
    s.id = id;
    s.name = "torrent-" + std::to_string(id) + ".iso";
    s.hasMetadata = true;
    s.state = id % 3 == 0 ? TorrentState::Seeding : TorrentState::Downloading;
    s.totalWanted = 1'000'000 + static_cast<std::int64_t>(rng() % 4'000'000'000u);
    s.progress = (rng() % 1000) / 1000.0;
    s.downloadRate = static_cast<int>(rng() % 5'000'000);
    s.uploadRate = static_cast<int>(rng() % 1'000'000);
    s.peers = static_cast<int>(rng() % 50);
    s.seeds = s.peers / 3;
    s.addedTime = 1'700'000'000 + id;
    s.etaSeconds = s.downloadRate > 0 ? static_cast<std::int64_t>(rng() % 100000) : -1;
    s.tracker = "http://tracker" + std::to_string(id % 7) + ".example.org/announce";
    return s;
}

struct Fixture {
    SessionBridge bridge;
    TorrentTableModel model;
    TorrentFilterModel filter;
    QTableView view;
    std::mt19937 rng{42};
    std::vector<TorrentStatus> all;

    explicit Fixture(int torrents) {
        filter.setSourceModel(&model);
        QObject::connect(&bridge, &SessionBridge::statusesChanged, &model, &TorrentTableModel::updateStatuses);
        view.setModel(&filter);
        view.setSortingEnabled(true);
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.sortByColumn(TorrentTableModel::DownRate, Qt::DescendingOrder);
        view.resize(1200, 700);
        view.show();
        for (int i = 1; i <= torrents; ++i) all.push_back(synthetic(i, rng));
        bridge.deliverStatuses(all);
        QApplication::processEvents();
    }

    std::vector<TorrentStatus> changedBatch(int count) {
        std::vector<TorrentStatus> batch;
        batch.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) {
            TorrentStatus& s = all[rng() % all.size()];
            s.downloadRate = static_cast<int>(rng() % 5'000'000);
            s.progress = std::min(1.0, s.progress + 0.001);
            batch.push_back(s);
        }
        return batch;
    }
};

void BM_Tick(benchmark::State& state) {
    Fixture f(static_cast<int>(state.range(0)));
    const int changed = static_cast<int>(state.range(1));
    for (auto _ : state) {
        state.PauseTiming();
        auto batch = f.changedBatch(changed);
        state.ResumeTiming();
        f.bridge.deliverStatuses(std::move(batch));
        // What the user sees: the view repainted with the new values.
        f.view.viewport()->repaint();
    }
    state.counters["rows"] = f.model.rowCount();
}
BENCHMARK(BM_Tick)->Args({10000, 500})->Args({10000, 50})->Args({1000, 500})->Unit(benchmark::kMillisecond);

// Where the time goes: the same tick without the repaint, and with the proxy's dynamic sort off.
void BM_TickNoRepaint(benchmark::State& state) {
    Fixture f(10000);
    f.filter.setDynamicSortFilter(state.range(0) != 0);
    for (auto _ : state) {
        state.PauseTiming();
        auto batch = f.changedBatch(500);
        state.ResumeTiming();
        f.bridge.deliverStatuses(std::move(batch));
    }
}
BENCHMARK(BM_TickNoRepaint)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

// The deferred re-sort of a large list (TorrentFilterModel: at most once a second), for the amortized cost.
void BM_ResortLargeList(benchmark::State& state) {
    Fixture f(10000);
    for (auto _ : state) {
        state.PauseTiming();
        f.bridge.deliverStatuses(f.changedBatch(500));
        state.ResumeTiming();
        f.filter.invalidate();
    }
}
BENCHMARK(BM_ResortLargeList)->Unit(benchmark::kMillisecond);

void BM_RepaintOnly(benchmark::State& state) {
    Fixture f(10000);
    for (auto _ : state) f.view.viewport()->repaint();
}
BENCHMARK(BM_RepaintOnly)->Unit(benchmark::kMillisecond);

void BM_TickWithSearch(benchmark::State& state) {
    Fixture f(10000);
    f.filter.setSearchText(QStringLiteral("9"));
    for (auto _ : state) {
        state.PauseTiming();
        auto batch = f.changedBatch(500);
        state.ResumeTiming();
        f.bridge.deliverStatuses(std::move(batch));
        f.view.viewport()->repaint();
    }
    state.counters["visible"] = f.filter.rowCount();
}
BENCHMARK(BM_TickWithSearch)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
