#include "ocr_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace naskah::extract {
namespace {

// A gap between two words this much wider than the line is tall, and this share of the
// page, separates columns; word gaps are well under one line height, even when justified.
constexpr int k_column_gap_heights = 4;
constexpr int k_column_gap_page_share = 12;  // 1/12 of the page width
// Two lines of two columns each, and a block is read column by column.
constexpr std::size_t k_min_column_lines = 2;
// A word read under this is a stamp's, a signature's or a seal's marks more often than
// print ("<>", "NAN", "ray}" at 0-48 in corpus/real's signature blocks).
constexpr float k_junk_word = 50;

struct Gap {
  int left = 0;   // right edge of the left column's last word
  int right = 0;  // left edge of the right column's first word
};

// Where a line splits in two: the gap and the index of the first word right of it.
struct Split {
  Gap gap;
  std::size_t at = 0;
};

// A line as columns see it: where it splits (if it does), and its extent.
struct Shape {
  std::optional<Split> split;
  // Where it splits with the marks of a stamp or a signature across the gap set aside
  // (k_junk_word): trusted only inside columns that lines of clean print have set up.
  std::optional<Split> bridged;
  int left = 0;
  int right = 0;
};

// The median of `measure` over the line's words: what a stamp's tall marks do not move.
template <typename Measure>
int median(const OcrLine& line, Measure measure) {
  std::vector<int> values;
  for (const OcrWord& w : line.words) values.push_back(measure(w));
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2),
                   values.end());
  return values[values.size() / 2];
}

int line_height(const OcrLine& line) {
  return median(line, [](const OcrWord& w) { return w.bottom - w.top; });
}

// Whether `next` goes on with `line`: on its baseline and to the right of it. Tesseract
// puts the pieces of one printed line in two blocks when a stamp or a signature lies
// between them ("PIHAK PERTAMA" and "PIHAK KEDUA", a name and its title).
bool continues_on_the_right(const OcrLine& line, const OcrLine& next) {
  const auto middle = [](const OcrWord& w) { return (w.top + w.bottom) / 2; };
  const int apart = std::abs(median(line, middle) - median(next, middle));
  return apart * 2 < std::min(line_height(line), line_height(next)) &&
         next.words.front().left >= line.words.back().right;
}

// The one gap at least `least` wide between the line's words (its junk set aside when
// `skip_junk`); none when there are more (three columns, a table) or when it parts a label
// from its value ("Nama      : Darus Amin" is one row of a table, not two columns).
std::optional<Split> one_wide_gap(const OcrLine& line, int least, bool skip_junk) {
  std::optional<Split> found;
  int wide_gaps = 0;
  std::optional<std::size_t> before;  // the last word left of the current one that counts
  for (std::size_t i = 0; i < line.words.size(); ++i) {
    if (skip_junk && line.words[i].confidence < k_junk_word) continue;
    if (before) {
      const OcrWord& left = line.words[*before];
      const Gap gap{left.right, line.words[i].left};
      if (gap.right - gap.left >= least) {
        ++wide_gaps;
        if (left.text.ends_with(':') || line.words[i].text.starts_with(":")) return std::nullopt;
        // Marks between the two sides go to the side their middle is on.
        std::size_t at = *before + 1;
        while (at < i && line.words[at].left + line.words[at].right < gap.left + gap.right) ++at;
        found = Split{gap, at};
      }
    }
    before = i;
  }
  if (wide_gaps != 1) return std::nullopt;
  return found;
}

Shape shape_of(const OcrLine& line, int page_width) {
  Shape s;
  s.left = line.words.front().left;
  s.right = line.words.back().right;
  const int least_gap = std::max(k_column_gap_heights * line_height(line),
                                 page_width / k_column_gap_page_share);
  s.split = one_wide_gap(line, least_gap, false);
  s.bridged = s.split ? s.split : one_wide_gap(line, least_gap, true);
  return s;
}

// A word of print: three letters or more, read with confidence ("KEDUA", "Rektor"; not
// "GE", "11", "|" or a mark read at 20).
bool is_print(const OcrWord& word) {
  if (word.confidence < k_junk_word) return false;
  const auto letters = std::count_if(word.text.begin(), word.text.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
  return letters >= 3;
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
// returns one past its last line (`first` when there is no such run). A run starts at a
// line of clean print split in two; further on, a stamp across the gap does not end it.
std::size_t column_run(const std::vector<Shape>& shapes, std::size_t first, Gap& common) {
  if (!shapes[first].split) return first;
  common = shapes[first].split->gap;
  std::size_t end = first + 1;
  std::size_t split_lines = 1;
  for (; end < shapes.size(); ++end) {
    const Shape& s = shapes[end];
    if (s.bridged) {
      const Gap& gap = s.bridged->gap;
      const Gap both{std::max(common.left, gap.left), std::min(common.right, gap.right)};
      if (both.left >= both.right) break;
      common = both;
      ++split_lines;
    } else if (s.right > common.left && s.left < common.right) {
      break;  // a line across the gap: the columns have ended
    }
  }
  // Lines on one side only at the end belong to what follows, not to the columns.
  while (end > first && !shapes[end - 1].bridged) --end;
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
    if (line.words.empty()) continue;
    if (!kept.empty() && continues_on_the_right(kept.back(), line)) {
      kept.back().words.insert(kept.back().words.end(), line.words.begin(), line.words.end());
    } else {
      kept.push_back(line);
    }
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
    std::size_t end = column_run(shapes, i, common);
    // The words of line k on one side of the run's gap: [from, to).
    auto side = [&](std::size_t k, bool left) -> std::pair<std::size_t, std::size_t> {
      const std::size_t n = kept[k].words.size();
      if (const auto& split = shapes[k].bridged) {
        return left ? std::pair{std::size_t{0}, split->at} : std::pair{split->at, n};
      }
      const bool on_this_side = (shapes[k].right <= common.left) == left;
      return on_this_side ? std::pair{std::size_t{0}, n} : std::pair{n, n};
    };
    // Columns hold print on both sides; a logo's or a margin's marks beside a heading
    // ("Wu) PRODI PENDIDIKAN ...   11 5 /") are no column.
    for (const bool left : {true, false}) {
      bool print = false;
      for (std::size_t k = i; k < end && !print; ++k) {
        const auto [from, to] = side(k, left);
        for (std::size_t w = from; w < to && !print; ++w) print = is_print(kept[k].words[w]);
      }
      if (!print) end = i;
    }
    if (end == i) {
      emit(words_text(kept[i], 0, kept[i].words.size()), kept[i].starts_paragraph);
      ++i;
      continue;
    }
    // The left column, then the right one; a line on one side only joins its side.
    for (const bool left : {true, false}) {
      bool first = true;
      for (std::size_t k = i; k < end; ++k) {
        const auto [from, to] = side(k, left);
        const std::string text = words_text(kept[k], from, to);
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

std::map<std::string, double> word_confidences(const std::vector<OcrLine>& lines) {
  std::map<std::string, double> read;
  for (const OcrLine& line : lines) {
    for (const OcrWord& word : line.words) {
      // A stray mark ("|", "—") is no reading of anything the parser keeps.
      const bool has_letters = std::any_of(word.text.begin(), word.text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
      });
      if (!has_letters) continue;
      const double confidence = std::round(std::max(0.0f, word.confidence));
      auto [it, added] = read.emplace(word.text, confidence);
      if (!added) it->second = std::max(it->second, confidence);
    }
  }
  return read;
}

}  // namespace naskah::extract
