import time, numpy as np, neml2.aoti as A
def best(f, n=5):
    ts=[]
    for _ in range(n):
        t=time.perf_counter(); f(); ts.append(time.perf_counter()-t)
    return min(ts)
N=20000
rng=np.random.default_rng(1)
inp={'E':np.tile([0.01,-0.005,-0.005,0,0,0],(N,1))*rng.random((N,1)), 'E~1':np.zeros((N,6)),'t':np.ones(N),'t~1':np.zeros(N),
     'stress~1':np.zeros((N,6)),'equivalent_plastic_strain~1':np.zeros(N),'X1~1':np.zeros((N,6)),'X2~1':np.zeros((N,6))}
for v in ['old','new','old','new']:
    m=A.Model(f'{v}/ch/model')
    t=best(lambda: m.forward(inp))
    print(v,'chaboche 2e4 one step', f'{t*1e3:.2f} ms')
