// The Speed tab: download and upload rate over the last five minutes, for the selected torrent or for
// all torrents, drawn with Qt Charts. Both histories are kept all the time (the torrent's from the
// pane's details, the totals from the session's cheap totals() snapshot once a second), so switching
// the combo shows five minutes at once, not an empty graph.
//
// Threads: GUI thread only.
#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include "details/details_tab.h"
#include "details/speed_history.h"

class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QValueAxis;

namespace shoal::gui {

class SessionBridge;

class SpeedTab : public DetailsTab {
    Q_OBJECT

public:
    enum Source { ThisTorrent, AllTorrents };

    explicit SpeedTab(SessionBridge& bridge, QWidget* parent = nullptr);

    void setTorrent(TorrentId id) override;
    void showDetails(const TorrentDetails& details) override;

    void setSource(Source source);
    Source source() const;
    const SpeedHistory& torrentHistory() const { return torrent_; }
    const SpeedHistory& totalsHistory() const { return totals_; }
    // Takes one sample of the session totals now (the timer does this every second).
    void sampleTotals();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void redraw();

    SessionBridge& bridge_;
    QElapsedTimer clock_;
    QTimer totalsTimer_;
    SpeedHistory torrent_;
    SpeedHistory totals_;
    QComboBox* sourceBox_;
    QChart* chart_;
    QChartView* view_;
    QLineSeries* download_;
    QLineSeries* upload_;
    QValueAxis* timeAxis_;
    QValueAxis* rateAxis_;
};

}  // namespace shoal::gui
