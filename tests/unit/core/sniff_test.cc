#include "naskah/core/sniff.h"

#include <gtest/gtest.h>

namespace naskah {
namespace {

using namespace std::string_view_literals;

TEST(Sniff, KnowsTheFourTypesByTheirMagicBytes) {
  EXPECT_EQ(sniff("%PDF-1.7\n..."sv), FileType::pdf);
  EXPECT_EQ(sniff("II*\0\x08\0\0\0"sv), FileType::tiff);
  EXPECT_EQ(sniff("MM\0*\0\0\0\x08"sv), FileType::tiff);
  EXPECT_EQ(sniff("II+\0\x08\0\0\0"sv), FileType::tiff);  // BigTIFF
  EXPECT_EQ(sniff("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv), FileType::png);
  EXPECT_EQ(sniff("\xFF\xD8\xFF\xE0\0\x10JFIF"sv), FileType::jpeg);
}

TEST(Sniff, PdfAfterJunkWithinTheFirstKilobyte) {
  EXPECT_EQ(sniff(std::string(500, ' ') + "%PDF-1.4"), FileType::pdf);
  EXPECT_EQ(sniff(std::string(2000, ' ') + "%PDF-1.4"), FileType::unknown);
}

TEST(Sniff, TheNameNeverMatters) {
  EXPECT_EQ(sniff("<!DOCTYPE html><html>404</html>"sv), FileType::unknown);
  EXPECT_EQ(sniff(""sv), FileType::unknown);
  EXPECT_EQ(sniff("\xFF\xD8"sv), FileType::unknown);  // too short for JPEG
}

TEST(Sniff, Extensions) {
  EXPECT_STREQ(extension_of(sniff(std::string(300, '\n') + "%PDF-1.4")), ".pdf");
  EXPECT_STREQ(extension_of(sniff("II+\0\x08\0\0\0"sv)), ".tif");
  EXPECT_STREQ(extension_of(FileType::unknown), "");
}

TEST(Sniff, MimeTypes) {
  EXPECT_STREQ(mime_type(FileType::pdf), "application/pdf");
  EXPECT_STREQ(mime_type(FileType::tiff), "image/tiff");
  EXPECT_STREQ(mime_type(FileType::png), "image/png");
  EXPECT_STREQ(mime_type(FileType::jpeg), "image/jpeg");
  EXPECT_STREQ(mime_type(FileType::unknown), "application/octet-stream");
}

TEST(Sniff, DescribesWhatUnsupportedBytesLookLike) {
  EXPECT_NE(describe_unsupported("\n  <!DOCTYPE HTML>\n<html><body>Not found"sv).find("HTML"),
            std::string::npos);
  EXPECT_NE(describe_unsupported("PK\x03\x04rest"sv).find("ZIP"), std::string::npos);
  EXPECT_NE(describe_unsupported("GIF89a"sv).find("GIF"), std::string::npos);
  EXPECT_EQ(describe_unsupported("\x01\x02\x03random"sv), "");
}

}  // namespace
}  // namespace naskah
