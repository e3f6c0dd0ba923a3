// "Did you mean" suggestions.
#include <gtest/gtest.h>

#include "neml2/hit/hit.h"

using neml2::hit::nearest;

TEST(HitNearest, FindsCloseCandidates)
{
  const std::vector<std::string> options = {"coefficients", "coefficient_types", "type", "strain", "stress"};
  EXPECT_EQ(nearest("coeficients", options), "coefficients");
  EXPECT_EQ(nearest("coefficient_type", options), "coefficient_types");
  EXPECT_EQ(nearest("tpye", options), "type"); // adjacent swap counts as one edit
  EXPECT_EQ(nearest("Strain", options), "strain");
  EXPECT_EQ(nearest("stres", options), "stress");
}

TEST(HitNearest, NothingCloseGivesEmpty)
{
  EXPECT_EQ(nearest("temperature", {"strain", "stress"}), "");
  EXPECT_EQ(nearest("x", {}), "");
  EXPECT_EQ(nearest("", {"a"}), "");
  EXPECT_EQ(nearest(std::string(500, 'a'), {std::string(500, 'a')}), "");
}
