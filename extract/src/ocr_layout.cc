#include "ocr_layout.h"

#include <algorithm>
#include <optional>

namespace naskah::extract {
namespace {

// A gap between two words this much wider than the line is tall, and this share of the
// page, separates columns; word gaps are well under one line height, even when justified.
constexpr int k_column_gap_heights = 4;
constexpr int k_column_gap_page_share = 12;  // 1/12 of the page width
// Two lines of two columns each, and a block is read column by column.
constexpr std::size_t k_min_column_lines = 2;

struct Gap {
  int left = 0;   // right edge of the left column's last word
  int right = 0;  // left edge of the right column's first word
};

// A line as columns see it: where it splits (if it does), and its extent.
struct Shape {
  std::optional<Gap> gap;
  std::size_t split = 0;  // index of the first word right of the gap
  int left = 0;
  int right = 0;
};

int line_height(const OcrLine& line) {
  std::vector<int> heights;
  for (const OcrWord& w : line.words) heights.push_back(w.bottom - w.top);
  std::nth_element(heights.begin(), heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2),
                   heights.end());
  return heights[heights.size() / 2];
}

Shape shape_of(const OcrLine& line, int page_width) {
  Shape s;
  s.left = line.words.front().left;
  s.right = line.words.back().right;
  const int least_gap = std::max(k_column_gap_heights * line_height(line),
                                 page_width / k_column_gap_page_share);
  int wide_gaps = 0;
  for (std::size_t i = 1; i < line.words.size(); ++i) {
    const Gap gap{line.words[i - 1].right, line.words[i].left};
    if (gap.right - gap.left < least_gap) continue;
    ++wide_gaps;
    s.gap = gap;
    s.split = i;
  }
  if (wide_gaps != 1) s.gap.reset();  // three columns, a table: left as the engine read it
  // "Nama      : Darus Amin" is a label and its value, one row of a table: not columns.
  if (s.gap && (line.words[s.split].text.starts_with(":") ||
                line.words[s.split - 1].text.ends_with(":"))) {
    s.gap.reset();
  }
  return s;
}

std::string words_text(const OcrLine& line, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += line.words[i].text;
  }
  return out;
}

// The run of lines from `first` that reads as two columns, sharing the gap `common`;
// returns one past its last line (`first` when there is no such run).
std::size_t column_run(const std::vector<Shape>& shapes, std::size_t first, Gap& common) {
  if (!shapes[first].gap) return first;
  common = *shapes[first].gap;
  std::size_t end = first + 1;
  std::size_t split_lines = 1;
  for (; end < shapes.size(); ++end) {
    const Shape& s = shapes[end];
    if (s.gap) {
      const Gap both{std::max(common.left, s.gap->left), std::min(common.right, s.gap->right)};
      if (both.left >= both.right) break;
      common = both;
      ++split_lines;
    } else if (s.right > common.left && s.left < common.right) {
      break;  // a line across the gap: the columns have ended
    }
  }
  // Lines on one side only at the end belong to what follows, not to the columns.
  while (end > first && !shapes[end - 1].gap) --end;
  // Columns have text side by side on most lines. A list whose entries start at the left
  // and run on at the right ("1. Darus Amin, SH    Selaku Kepala Kantor ...", then lines of
  // the right side only) is read line by line.
  const bool side_by_side = split_lines * 2 >= end - first;
  return split_lines >= k_min_column_lines && side_by_side ? end : first;
}

}  // namespace

std::string lay_out(const std::vector<OcrLine>& lines, int page_width) {
  std::vector<OcrLine> kept;
  for (const OcrLine& line : lines) {
    if (!line.words.empty()) kept.push_back(line);
  }
  std::vector<Shape> shapes;
  for (const OcrLine& line : kept) shapes.push_back(shape_of(line, page_width));

  std::string out;
  auto emit = [&](const std::string& text, bool paragraph) {
    if (!out.empty()) out += paragraph ? "\n\n" : "\n";
    out += text;
  };
  for (std::size_t i = 0; i < kept.size();) {
    Gap common;
    const std::size_t end = column_run(shapes, i, common);
    if (end == i) {
      emit(words_text(kept[i], 0, kept[i].words.size()), kept[i].starts_paragraph);
      ++i;
      continue;
    }
    // The left column, then the right one; a line on one side only joins its side.
    for (const bool left : {true, false}) {
      bool first = true;
      for (std::size_t k = i; k < end; ++k) {
        const OcrLine& line = kept[k];
        const Shape& s = shapes[k];
        std::string text;
        if (s.gap) {
          text = left ? words_text(line, 0, s.split) : words_text(line, s.split, line.words.size());
        } else if ((s.right <= common.left) == left) {
          text = words_text(line, 0, line.words.size());
        }
        if (text.empty()) continue;
        emit(text, first && (left ? kept[i].starts_paragraph : true));
        first = false;
      }
    }
    i = end;
  }
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace naskah::extract
