import { type Rng, round } from "./rng.ts";

/**
 * Models of the simulated devices. Each produces one vendor-format message per sample, with
 * noise, slow drift, clinically or technically meaningful episodes (occlusion, desaturation,
 * tachycardia, a sterilisation cycle's phases, short shots) and the alarms the device raises.
 */
export interface DeviceModel {
  readonly periodMs: number;
  sample(ts: number, seq: number): Record<string, unknown>;
}

export class InfusionPump implements DeviceModel {
  readonly periodMs = 1_000;
  private readonly rate: number;
  private readonly mmHg: boolean;
  private readonly drug: string;
  private volume = 0;
  private baseline: number;
  private occlusion = 0;

  constructor(
    private readonly id: string,
    private readonly rng: Rng,
  ) {
    this.rate = round(rng.range(5, 250), 1);
    this.mmHg = rng.chance(0.5);
    this.drug = rng.pick(["heparin", "insulin", "propofol", "saline", "noradrenaline"]);
    this.baseline = rng.range(10, 25);
  }

  sample(ts: number, seq: number): Record<string, unknown> {
    const rng = this.rng;
    if (this.occlusion === 0 && rng.chance(1 / 3_000)) this.occlusion = rng.int(30, 90);
    let pressure = rng.gauss(this.baseline, 0.8);
    const alarms: string[] = [];
    if (this.occlusion > 0) {
      this.occlusion--;
      pressure = Math.min(130, pressure + 4 * (90 - this.occlusion));
      if (pressure > 90) alarms.push("OCCLUSION_DOWNSTREAM");
    } else {
      this.volume += (this.rate * this.periodMs) / 3_600_000;
    }
    return {
      pump_id: this.id,
      msg_seq: seq,
      ts: new Date(ts).toISOString(),
      rate_ml_h: this.occlusion > 0 ? 0 : this.rate,
      volume_infused_ml: round(this.volume, 2),
      occlusion: this.mmHg
        ? { value: round(pressure / 0.133322, 1), unit: "mmHg" }
        : { value: round(pressure, 2), unit: "kPa" },
      state: this.occlusion > 0 ? "ALARM" : "RUNNING",
      drug: this.drug,
      alarms,
    };
  }
}

export class PatientMonitor implements DeviceModel {
  readonly periodMs = 1_000;
  private readonly nibpKpa: boolean;
  private hrBase: number;
  private spo2Base: number;
  private desat = 0;
  private tachy = 0;
  private patient: { mrn: string; name: string | undefined; bed: string };

  constructor(
    private readonly id: string,
    private readonly rng: Rng,
  ) {
    this.nibpKpa = rng.chance(0.3);
    this.hrBase = rng.range(60, 95);
    this.spo2Base = rng.range(95, 99);
    this.patient = this.admit();
  }

  private admit() {
    const rng = this.rng;
    return {
      mrn: `MRN-${rng.int(100_000, 999_999)}`,
      // Some monitors send the patient's name as well: it must never leave the gateway.
      name: rng.chance(0.5)
        ? `${rng.pick(["Doe", "Müller", "Rossi", "Tanaka", "Kowalski"])}^${rng.pick(["Jane", "Jan", "Aiko", "Luca"])}`
        : undefined,
      bed: `ICU-${rng.int(1, 24)}`,
    };
  }

  sample(ts: number, seq: number): Record<string, unknown> {
    const rng = this.rng;
    if (rng.chance(1 / 20_000)) this.patient = this.admit();
    if (this.desat === 0 && rng.chance(1 / 2_000)) this.desat = 60;
    if (this.tachy === 0 && rng.chance(1 / 3_000)) this.tachy = 90;
    this.hrBase += rng.gauss(0, 0.05);
    let hr = rng.gauss(this.hrBase, 2);
    let spo2 = rng.gauss(this.spo2Base, 0.5);
    const alarms: { code: string; prio: string }[] = [];
    if (this.desat > 0) {
      // 20 s fall, a plateau, then recovery.
      const t = 60 - this.desat;
      const depth = t < 20 ? t / 20 : t < 45 ? 1 : (60 - t) / 15;
      spo2 -= 13 * depth;
      this.desat--;
      if (spo2 < 90) alarms.push({ code: "SPO2_LOW", prio: "high" });
    }
    if (this.tachy > 0) {
      hr += 65;
      this.tachy--;
      alarms.push({ code: "HR_HIGH", prio: "medium" });
    }
    const vitals: Record<string, unknown> = { hr: Math.round(hr), spo2: Math.min(100, Math.round(spo2)) };
    // Non-invasive blood pressure: a cuff measurement every five minutes.
    if (seq % 300 === 0) {
      const sys = rng.gauss(120, 8);
      const dia = rng.gauss(78, 5);
      const map = (sys + 2 * dia) / 3;
      const k = this.nibpKpa ? 0.133322 : 1;
      vitals.nibp = {
        sys: round(sys * k, 1),
        dia: round(dia * k, 1),
        map: round(map * k, 1),
        unit: this.nibpKpa ? "kPa" : "mmHg",
      };
    }
    return {
      dev: this.id,
      n: seq,
      t: ts,
      pt: { mrn: this.patient.mrn, ...(this.patient.name ? { name: this.patient.name } : {}), bed: this.patient.bed },
      vitals,
      alarms,
    };
  }
}

const CYCLE: { phase: string; seconds: number; temp: (f: number) => number; pressure: (f: number) => number }[] = [
  { phase: "IDLE", seconds: 120, temp: () => 40, pressure: () => 101 },
  {
    phase: "CONDITIONING",
    seconds: 180,
    temp: (f) => 40 + 80 * f,
    pressure: (f) => 10 + 290 * Math.abs(Math.sin(f * 3 * Math.PI)),
  },
  { phase: "STERILIZE", seconds: 240, temp: () => 134.5, pressure: () => 304 },
  { phase: "EXHAUST", seconds: 60, temp: (f) => 134 - 34 * f, pressure: (f) => 304 - 200 * f },
  { phase: "DRY", seconds: 300, temp: () => 100, pressure: () => 10 },
];

export class Autoclave implements DeviceModel {
  readonly periodMs = 1_000;
  private readonly imperial: boolean;
  private step = 0;
  private cycle = 0;
  private doorFault = 0;

  constructor(
    private readonly id: string,
    private readonly rng: Rng,
  ) {
    this.imperial = rng.chance(0.5);
    this.step = rng.int(0, 899);
    this.cycle = rng.int(1, 5_000);
  }

  sample(ts: number, seq: number): Record<string, unknown> {
    const rng = this.rng;
    const total = CYCLE.reduce((s, p) => s + p.seconds, 0);
    const at = this.step % total;
    if (at === 0) this.cycle++;
    this.step++;
    let elapsed = at;
    let phase = CYCLE[0] as (typeof CYCLE)[number];
    for (const p of CYCLE) {
      phase = p;
      if (elapsed < p.seconds) break;
      elapsed -= p.seconds;
    }
    const f = elapsed / phase.seconds;
    const tempC = rng.gauss(phase.temp(f), 0.3);
    const kPa = Math.max(0, rng.gauss(phase.pressure(f), 1.5));
    if (this.doorFault === 0 && phase.phase === "IDLE" && rng.chance(1 / 5_000)) this.doorFault = 30;
    const faults: string[] = [];
    if (this.doorFault > 0) {
      this.doorFault--;
      faults.push("DOOR_SEAL");
    }
    return {
      id: this.id,
      seq,
      time: new Date(ts).toISOString(),
      cycle: { id: `C-${String(this.cycle).padStart(5, "0")}`, program: "134C-4MIN", phase: phase.phase },
      chamber: this.imperial
        ? { temp: round((tempC * 9) / 5 + 32, 1), temp_unit: "F", pressure: round(kPa / 100, 3), pressure_unit: "bar" }
        : { temp: round(tempC, 2), temp_unit: "C", pressure: round(kPa, 1), pressure_unit: "kPa" },
      faults,
    };
  }
}

export class MouldingMachine implements DeviceModel {
  readonly periodMs: number;
  private readonly mpa: boolean;
  private shots: number;
  private melt: number;
  private readonly pressureBar: number;
  private drift = 0;

  constructor(
    private readonly id: string,
    private readonly rng: Rng,
  ) {
    this.periodMs = rng.int(15, 30) * 1_000;
    this.mpa = rng.chance(0.4);
    this.shots = rng.int(10_000, 900_000);
    this.melt = rng.range(220, 240);
    this.pressureBar = rng.range(1_000, 1_400);
  }

  sample(ts: number, seq: number): Record<string, unknown> {
    const rng = this.rng;
    this.shots++;
    if (this.drift === 0 && rng.chance(1 / 400)) this.drift = 20;
    let melt = rng.gauss(this.melt, 1.5);
    if (this.drift > 0) {
      melt += 2.5 * (20 - this.drift);
      this.drift--;
    }
    const bar = rng.gauss(this.pressureBar, 20);
    const shortShot = rng.chance(1 / 500);
    return {
      machine: this.id,
      counter: seq,
      timestamp: ts,
      state: "AUTO",
      mould: "M-17",
      melt_temp_c: round(melt, 1),
      inj_pressure: this.mpa ? { v: round(bar / 10, 2), u: "MPa" } : { v: round(bar, 0), u: "bar" },
      cycle_time_ms: Math.round(rng.gauss(this.periodMs, 150)),
      shot_count: this.shots,
      alarms: shortShot ? ["SHORT_SHOT"] : [],
    };
  }
}
