#include "make_pdf.h"

#include <cstdio>

namespace naskah::test {
namespace {

// A PDF string literal: parentheses and backslashes escaped, non-ASCII dropped.
std::string literal(const std::string& text) {
  std::string out = "(";
  for (const char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += static_cast<unsigned char>(c) < 0x80 ? c : '?';
  }
  return out + ")";
}

}  // namespace

std::string make_text_pdf(const std::vector<std::vector<std::string>>& pages) {
  // Objects: 1 catalog, 2 page tree, 3 font, then per page: the page and its content.
  std::vector<std::string> objects(3);
  std::string kids;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    const std::size_t page_id = 4 + 2 * p;
    std::string content = "BT /F1 11 Tf 14 TL 56 780 Td\n";
    for (const std::string& line : pages[p]) content += literal(line) + " Tj T*\n";
    content += "ET\n";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                      "<< /Font << /F1 3 0 R >> >> /Contents " +
                      std::to_string(page_id + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" +
                      content + "endstream");
    kids += std::to_string(page_id) + " 0 R ";
  }
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) +
               " >>";
  objects[2] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
               "/WinAnsiEncoding >>";
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace naskah::test
