/* A C program built against the installed package (neml2::c_api): loads the elasticity artifact
 * given on the command line and checks one point against Hooke's law (E = 200e3, nu = 0.3). */
#include <math.h>
#include <stdio.h>

#include "neml2/c_api.h"

int
main(int argc, char ** argv)
{
  neml2_model * model = NULL;
  if (argc != 2 || neml2_model_load(argv[1], NULL, &model) != NEML2_OK)
  {
    char message[1024];
    neml2_last_error(message, sizeof message);
    fprintf(stderr, "c_consumer: %s\n", argc == 2 ? message : "usage: c_consumer ARTIFACT_DIR");
    return 1;
  }
  const double strain[6] = {0.001, 0, 0, 0, 0, 0};
  double stress[6];
  const void * inputs[] = {strain};
  void * outputs[] = {stress};
  const int status = neml2_model_forward(model, 1, inputs, NULL, NULL, outputs);
  neml2_model_free(model);
  /* sigma_xx = (lambda + 2 mu) eps_xx = E (1 - nu) / ((1 + nu)(1 - 2 nu)) eps_xx */
  const double expected = 200e3 * 0.7 / (1.3 * 0.4) * 0.001;
  if (status != NEML2_OK || fabs(stress[0] - expected) > 1e-9 * expected)
  {
    fprintf(stderr, "c_consumer: status %d, stress xx %.17g, expected %.17g\n", status, stress[0], expected);
    return 1;
  }
  printf("C consumer: stress xx %.6g matches Hooke's law\n", stress[0]);
  return 0;
}
