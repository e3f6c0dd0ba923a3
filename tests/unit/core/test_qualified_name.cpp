// The one parameter-name rule of eager models, AOTIModel and the runtime (base/qualified_name.h).
#include <gtest/gtest.h>

#include "neml2/base/qualified_name.h"

using neml2::match_qualified_name;

TEST(QualifiedName, ExactNameWinsOverSuffixMatches)
{
  const std::vector<std::string> names = {"flow.eta", "eta", "hardening.eta"};
  const auto m = match_qualified_name("eta", names);
  ASSERT_TRUE(m.index);
  EXPECT_EQ(*m.index, 1u);
}

TEST(QualifiedName, UniqueSuffixMatches)
{
  const std::vector<std::string> names = {"flow.eta", "hardening.K"};
  const auto m = match_qualified_name("K", names);
  ASSERT_TRUE(m.index);
  EXPECT_EQ(names[*m.index], "hardening.K");
}

TEST(QualifiedName, SuffixMatchesWholeComponentsOnly)
{
  const std::vector<std::string> names = {"flow.beta"};
  const auto m = match_qualified_name("eta", names);
  EXPECT_FALSE(m.index);
  EXPECT_TRUE(m.ambiguous.empty());
}

TEST(QualifiedName, SeveralSuffixMatchesAreAmbiguous)
{
  const std::vector<std::string> names = {"a.E", "b.E", "c.nu"};
  const auto m = match_qualified_name("E", names);
  EXPECT_FALSE(m.index);
  EXPECT_EQ(m.ambiguous, (std::vector<std::string>{"a.E", "b.E"}));
}

TEST(QualifiedName, AliasesOfOneThingCountOnceAndResolveToTheFirstName)
{
  // One yield-surface parameter reached along two paths, plus an unrelated one.
  int sy = 0, other = 0;
  const std::vector<std::string> names = {"model.yield.sy", "model.normality.yield.sy", "model.flow.n"};
  const std::vector<const void *> identity = {&sy, &sy, &other};
  auto m = match_qualified_name("sy", names, identity);
  ASSERT_TRUE(m.index);
  EXPECT_EQ(*m.index, 0u);
  m = match_qualified_name("model.normality.yield.sy", names, identity);
  ASSERT_TRUE(m.index);
  EXPECT_EQ(*m.index, 0u);
}
