// Painting the piece map: availability strip, then cells (single pieces or bins).
#include "details/piece_map_widget.h"

#include <QPaintEvent>
#include <QPainter>
#include <algorithm>

namespace shoal::gui {

namespace {
constexpr int kMargin = 4;
constexpr int kStripHeight = 14;
constexpr int kStripGap = 6;
// Cell strides tried from the roomiest down; below the last one, pieces share cells.
constexpr int kStrides[] = {12, 10, 8, 6, 5, 4};

QColor mix(const QColor& from, const QColor& to, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(static_cast<float>(from.redF() + (to.redF() - from.redF()) * t),
                            static_cast<float>(from.greenF() + (to.greenF() - from.greenF()) * t),
                            static_cast<float>(from.blueF() + (to.blueF() - from.blueF()) * t));
}
}  // namespace

PieceMapWidget::PieceMapWidget(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("pieceMap"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize PieceMapWidget::sizeHint() const { return {480, 200}; }
QSize PieceMapWidget::minimumSizeHint() const { return {120, kStripHeight + kStripGap + 40}; }

QColor PieceMapWidget::availabilityColor(int copies, int most) {
    if (copies <= 0) return unavailableColor();
    // One copy is already "safe" but barely: start light and darken towards the best-seeded piece.
    const double t = most <= 1 ? 0.35 : 0.35 + 0.65 * static_cast<double>(copies - 1) / (most - 1);
    return mix(QColor(0xc6, 0xd3, 0xe0), QColor(0x1a, 0x2a, 0x40), t);
}

void PieceMapWidget::setPieces(std::vector<bool> have, std::vector<int> availability,
                               std::vector<int> downloading) {
    std::vector<bool> inProgress(have.size(), false);
    for (int piece : downloading) {
        if (piece >= 0 && static_cast<std::size_t>(piece) < inProgress.size())
            inProgress[static_cast<std::size_t>(piece)] = true;
    }
    if (have == have_ && availability == availability_ && inProgress == downloading_) return;
    have_ = std::move(have);
    availability_ = std::move(availability);
    downloading_ = std::move(inProgress);
    update();
}

void PieceMapWidget::clear() { setPieces({}, {}, {}); }

QRect PieceMapWidget::stripArea() const {
    return QRect(kMargin, kMargin, width() - 2 * kMargin, kStripHeight);
}

QRect PieceMapWidget::gridArea() const {
    const int top = kMargin + kStripHeight + kStripGap;
    return QRect(kMargin, top, width() - 2 * kMargin, height() - top - kMargin);
}

PieceMapWidget::Layout PieceMapWidget::layoutFor(const QRect& area) const {
    Layout layout;
    const int pieces = pieceCount();
    if (pieces == 0 || area.width() <= 0 || area.height() <= 0) return layout;
    for (int stride : kStrides) {
        layout.stride = stride;
        layout.columns = std::max(1, area.width() / stride);
        const int rows = std::max(1, area.height() / stride);
        layout.cells = layout.columns * rows;
        if (pieces <= layout.cells) {
            layout.cells = pieces;
            layout.perCell = 1;
            return layout;
        }
    }
    layout.perCell = (pieces + layout.cells - 1) / layout.cells;
    layout.cells = (pieces + layout.perCell - 1) / layout.perCell;
    return layout;
}

int PieceMapWidget::piecesPerCell() const { return layoutFor(gridArea()).perCell; }

void PieceMapWidget::paintEvent(QPaintEvent* event) {
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().color(QPalette::Base));
    const int pieces = pieceCount();
    if (pieces == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No pieces to show (no metadata yet)"));
        return;
    }

    // Availability: one pixel column covers a run of pieces and shows its rarest one, because the
    // rarest piece is what decides whether the swarm can finish.
    const QRect strip = stripArea();
    if (!availability_.empty() && strip.width() > 0) {
        const int most = *std::max_element(availability_.begin(), availability_.end());
        const auto n = static_cast<double>(availability_.size());
        for (int x = 0; x < strip.width(); ++x) {
            const auto first = static_cast<std::size_t>(x * n / strip.width());
            const auto last = std::max(first + 1, static_cast<std::size_t>((x + 1) * n / strip.width()));
            const int rarest = *std::min_element(
                availability_.begin() + static_cast<std::ptrdiff_t>(first),
                availability_.begin() + static_cast<std::ptrdiff_t>(std::min(last, availability_.size())));
            painter.fillRect(strip.x() + x, strip.y(), 1, strip.height(), availabilityColor(rarest, most));
        }
    } else {
        painter.fillRect(strip, palette().color(QPalette::Window));
    }

    const QRect grid = gridArea();
    const Layout layout = layoutFor(grid);
    if (layout.cells == 0) return;
    // Cells keep a one-pixel gap while they are big enough for it to read as a grid.
    const int cellSize = layout.stride >= 6 ? layout.stride - 1 : layout.stride;
    for (int cell = 0; cell < layout.cells; ++cell) {
        const int first = cell * layout.perCell;
        const int last = std::min(pieces, first + layout.perCell);
        int had = 0;
        bool busy = false;
        for (int p = first; p < last; ++p) {
            had += have_[static_cast<std::size_t>(p)] ? 1 : 0;
            busy = busy || downloading_[static_cast<std::size_t>(p)];
        }
        QColor color;
        if (had == last - first) {
            color = haveColor();
        } else if (busy) {
            color = downloadingColor();
        } else {
            color = mix(missingColor(), haveColor(), static_cast<double>(had) / (last - first));
        }
        const int x = grid.x() + (cell % layout.columns) * layout.stride;
        const int y = grid.y() + (cell / layout.columns) * layout.stride;
        painter.fillRect(x, y, cellSize, cellSize, color);
    }
}

}  // namespace shoal::gui
