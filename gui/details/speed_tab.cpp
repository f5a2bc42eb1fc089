// The Speed tab: two ring buffers, one chart redrawn from the chosen one.
#include "details/speed_tab.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QList>
#include <QPointF>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>

#include "app/session_bridge.h"

namespace shoal::gui {

namespace {
constexpr int kSampleMs = 1000;
constexpr int kWindowSeconds = 300;

// 1, 2 or 5 times a power of ten, at least `value`: axis ends a person can read at a glance.
double niceCeiling(double value) {
    if (value <= 1) return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * magnitude >= value) return step * magnitude;
    }
    return 10 * magnitude;
}
}  // namespace

SpeedTab::SpeedTab(SessionBridge& bridge, QWidget* parent)
    : DetailsTab(parent),
      bridge_(bridge),
      torrent_(kWindowSeconds),
      totals_(kWindowSeconds),
      sourceBox_(new QComboBox),
      chart_(new QChart),
      view_(new QChartView(chart_)),
      download_(new QLineSeries),
      upload_(new QLineSeries),
      timeAxis_(new QValueAxis),
      rateAxis_(new QValueAxis) {
    clock_.start();
    sourceBox_->setObjectName(QStringLiteral("speedSource"));
    sourceBox_->addItem(tr("This torrent"), ThisTorrent);
    sourceBox_->addItem(tr("All torrents"), AllTorrents);
    connect(sourceBox_, &QComboBox::currentIndexChanged, this, &SpeedTab::redraw);

    download_->setName(tr("Download"));
    upload_->setName(tr("Upload"));
    download_->setPen(QPen(QColor(0x1f, 0x6f, 0xc9), 2));
    upload_->setPen(QPen(QColor(0x3c, 0xa0, 0x3c), 2));
    chart_->addSeries(download_);
    chart_->addSeries(upload_);
    timeAxis_->setRange(-kWindowSeconds, 0);
    timeAxis_->setTickCount(6);
    timeAxis_->setLabelFormat(QStringLiteral("%d"));
    timeAxis_->setTitleText(tr("Seconds ago"));
    rateAxis_->setRange(0, 1);
    rateAxis_->setTickCount(5);
    chart_->addAxis(timeAxis_, Qt::AlignBottom);
    chart_->addAxis(rateAxis_, Qt::AlignLeft);
    for (QLineSeries* series : {download_, upload_}) {
        series->attachAxis(timeAxis_);
        series->attachAxis(rateAxis_);
    }
    chart_->legend()->setAlignment(Qt::AlignTop);
    chart_->setMargins(QMargins(4, 4, 4, 4));
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setObjectName(QStringLiteral("speedChart"));

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Show:")));
    top->addWidget(sourceBox_);
    top->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(view_, 1);

    // The totals are sampled whether or not a torrent is selected, so "All torrents" always has a past.
    totalsTimer_.setInterval(kSampleMs);
    connect(&totalsTimer_, &QTimer::timeout, this, &SpeedTab::sampleTotals);
    totalsTimer_.start();
    redraw();
}

void SpeedTab::setTorrent(TorrentId id) {
    (void)id;
    torrent_.clear();  // another torrent's past is not this one's
    redraw();
}

void SpeedTab::showDetails(const TorrentDetails& details) {
    torrent_.add(clock_.elapsed(), details.status.downloadRate, details.status.uploadRate);
    if (source() == ThisTorrent) redraw();
}

void SpeedTab::sampleTotals() {
    Session* session = bridge_.session();
    if (session == nullptr) return;
    const SessionTotals totals = session->totals();
    totals_.add(clock_.elapsed(), totals.downloadRate, totals.uploadRate);
    if (source() == AllTorrents) redraw();
}

void SpeedTab::setSource(Source source) { sourceBox_->setCurrentIndex(sourceBox_->findData(source)); }

SpeedTab::Source SpeedTab::source() const { return static_cast<Source>(sourceBox_->currentData().toInt()); }

void SpeedTab::showEvent(QShowEvent* event) {
    DetailsTab::showEvent(event);
    redraw();  // samples taken while hidden were not drawn
}

void SpeedTab::redraw() {
    if (!isVisible()) return;  // a hidden chart is not worth laying out every second
    const SpeedHistory& history = source() == ThisTorrent ? torrent_ : totals_;
    const int peak = history.peak();
    // One unit for the whole axis, picked from the peak, so the labels stay short ("750", not "768000").
    static const char* const units[] = {QT_TR_NOOP("B/s"), QT_TR_NOOP("KiB/s"), QT_TR_NOOP("MiB/s"),
                                        QT_TR_NOOP("GiB/s")};
    int unit = 0;
    double scale = 1;
    while (unit < 3 && peak / scale >= 1024) {
        scale *= 1024;
        ++unit;
    }
    const double now = static_cast<double>(clock_.elapsed());
    QList<QPointF> down;
    QList<QPointF> up;
    down.reserve(static_cast<qsizetype>(history.size()));
    up.reserve(static_cast<qsizetype>(history.size()));
    for (std::size_t i = 0; i < history.size(); ++i) {
        const SpeedHistory::Sample& s = history.at(i);
        const double x = (static_cast<double>(s.msecs) - now) / 1000.0;
        down.append(QPointF(x, s.download / scale));
        up.append(QPointF(x, s.upload / scale));
    }
    // replace() swaps the whole point list with one signal: cheaper than clear() + 300 append()s.
    download_->replace(down);
    upload_->replace(up);
    const double top = niceCeiling(peak / scale * 1.1);
    rateAxis_->setRange(0, top);
    // Ticks on round values: 5 -> 0,1,..5; 2 -> 0,0.5,..2; 1 -> 0,0.2,..1 (times a power of ten).
    const double lead = top / std::pow(10.0, std::floor(std::log10(top)));
    rateAxis_->setTickCount(std::lround(lead) == 2 ? 5 : 6);
    rateAxis_->setLabelFormat(top < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    rateAxis_->setTitleText(tr(units[unit]));
}

}  // namespace shoal::gui
